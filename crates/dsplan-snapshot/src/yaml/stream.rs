//! A YAML stream as its documents (`---`), each read when it is reached, so that the objects
//! of early documents are handed on before a later document fails: as a [`Node`] tree, or
//! streamed to serde ([`Streamed`]).

use super::compose::{self, next_event};
use super::error::Error;
use super::lazy::Streamed;
use super::node::Node;
use saphyr_parser::{Event, Parser, StrInput};

/// The documents of a YAML text, in order. An empty document (`---` alone) is a null node.
/// After an error the iteration ends.
pub struct Documents<'t> {
    parser: Parser<'t, StrInput<'t>>,
    text: &'t str,
    done: bool,
}

impl<'t> Documents<'t> {
    /// The documents of `text`.
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        Self {
            parser: Parser::new_from_str(text),
            text,
            done: false,
        }
    }

    /// The next document, read as serde asks for it; `None` at the end of the stream.
    pub fn next_streamed(&mut self) -> Option<Result<Streamed<'_, 't>, Error>> {
        if self.done {
            return None;
        }
        let started = self.next_start();
        match self.settle(started) {
            Ok(true) => Some(Ok(Streamed::new(&mut self.parser, self.text))),
            Ok(false) => {
                self.done = true;
                None
            }
            Err(error) => Some(Err(error)),
        }
    }

    /// Passes over `n` documents without building them; `false` when the stream ended first.
    pub fn skip_documents(&mut self, n: usize) -> Result<bool, Error> {
        for _ in 0..n {
            if self.done {
                return Ok(false);
            }
            let started = self.next_start();
            if !self.settle(started)? {
                self.done = true;
                return Ok(false);
            }
            let skipped = self.skip_document();
            self.settle(skipped)?;
        }
        Ok(!self.done)
    }

    /// Moves to the start of the next document; `false` at the end of the stream.
    fn next_start(&mut self) -> Result<bool, Error> {
        loop {
            match next_event(&mut self.parser)?.0 {
                Event::DocumentStart(_) => return Ok(true),
                Event::StreamEnd => return Ok(false),
                _ => {}
            }
        }
    }

    /// Passes over the rest of a document without building it.
    fn skip_document(&mut self) -> Result<(), Error> {
        loop {
            if let Event::DocumentEnd = next_event(&mut self.parser)?.0 {
                return Ok(());
            }
        }
    }

    /// Stops the iteration when `result` failed.
    fn settle<T>(&mut self, result: Result<T, Error>) -> Result<T, Error> {
        self.done |= result.is_err();
        result
    }
}

impl Iterator for Documents<'_> {
    type Item = Result<Node, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let started = self.next_start();
        match self.settle(started) {
            Ok(true) => {
                let document = compose::document(&mut self.parser, self.text);
                Some(self.settle(document))
            }
            Ok(false) => {
                self.done = true;
                None
            }
            Err(error) => Some(Err(error)),
        }
    }

    /// Skips `n` documents without building them.
    fn nth(&mut self, n: usize) -> Option<Self::Item> {
        match self.skip_documents(n) {
            Ok(true) => self.next(),
            Ok(false) => None,
            Err(error) => Some(Err(error)),
        }
    }
}
