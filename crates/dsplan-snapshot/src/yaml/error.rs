//! The reader's error: a message and, where the text has one, the line and column it concerns.

use std::fmt;

/// A position in the text: 1-based line and 1-based column, counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    line: u32,
    column: u32,
}

impl Mark {
    /// The start of the text.
    pub(super) const START: Mark = Mark { line: 1, column: 1 };

    /// The mark of the parser's position (line 1-based, column 0-based).
    pub(super) fn from_parser(marker: saphyr_parser::Marker) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            line: clamp(marker.line()),
            column: clamp(marker.col().saturating_add(1)),
        }
    }

    /// The 1-based line.
    #[must_use]
    pub fn line(self) -> usize {
        self.line as usize
    }

    /// The 1-based column, in characters.
    #[must_use]
    pub fn column(self) -> usize {
        self.column as usize
    }
}

/// A YAML document that could not be read, or a value that does not fit what was asked of it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    message: String,
    mark: Option<Mark>,
}

impl Error {
    pub(super) fn at(message: impl Into<String>, mark: Mark) -> Self {
        Self {
            message: message.into(),
            mark: Some(mark),
        }
    }

    /// The message, without the position.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where in the text, when known.
    #[must_use]
    pub fn mark(&self) -> Option<Mark> {
        self.mark
    }

    /// This error, placed at `mark` unless a node nearer to its cause placed it already.
    pub(super) fn or_at(mut self, mark: Mark) -> Self {
        self.mark.get_or_insert(mark);
        self
    }
}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Self {
            message: message.to_string(),
            mark: None,
        }
    }
}
