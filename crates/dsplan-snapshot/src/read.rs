//! Reads one file's text: picks JSON or YAML and runs [`crate::dispatch`] over each document,
//! handing each object on as soon as it is read. The happy path pays nothing for error
//! reporting: a JSON file that fails the direct reading is read again as values, so that a
//! content error surfaces later, in [`crate::objects`], with its field path; a syntax error is
//! read a last time with path tracking to say where it is.

use crate::dispatch::{Buffer, Direct, DocumentSeed, Out, RawObject, Typing};
use crate::navigate::DocText;
use crate::path::{DocPath, Seg};
use crate::yaml;
use serde::de::DeserializeSeed;

/// The document an object was read from.
#[derive(Clone, Copy)]
pub(crate) struct Document<'a> {
    /// Index of the document in the file (0 for JSON).
    pub(crate) index: usize,
    /// Its text, for locating errors found later.
    pub(crate) text: DocText<'a>,
}

/// A document that could not be read.
#[derive(Debug)]
pub(crate) struct ReadError<'a> {
    /// Index of the document in the file.
    pub(crate) document: usize,
    /// Where in the document reading stopped.
    pub(crate) path: DocPath,
    /// 1-based position in the file, where the parser knows it.
    pub(crate) line: Option<usize>,
    pub(crate) column: Option<usize>,
    /// The parser's message, without the position.
    pub(crate) message: String,
    /// The failing document's text.
    pub(crate) text: DocText<'a>,
}

/// Reads every document of a file, handing each object to `sink` in order. Objects read
/// before an error in a later part of the file have been handed on.
pub(crate) fn read<'a>(
    text: &'a str,
    sink: &mut dyn FnMut(Document<'a>, RawObject),
) -> Result<(), ReadError<'a>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if looks_like_json(body) {
        return read_json(body, sink);
    }
    read_yaml(body, sink)
}

/// JSON objects open with `{"` or `{}`; anything else (such as the YAML flow mapping
/// `{kind: Node}`) is read as YAML.
fn looks_like_json(text: &str) -> bool {
    text.trim_start()
        .strip_prefix('{')
        .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']))
}

fn read_json<'a>(
    text: &'a str,
    sink: &mut dyn FnMut(Document<'a>, RawObject),
) -> Result<(), ReadError<'a>> {
    let document = Document {
        index: 0,
        text: DocText::Json(text),
    };
    let mut taken = 0;
    let direct = json_objects::<Direct>(text, &mut |raw| {
        taken += 1;
        sink(document, raw);
    });
    if direct.is_ok() {
        return Ok(());
    }
    // Both readings meet the objects in the same order: those already handed on are skipped.
    let mut seen = 0;
    json_objects::<Buffer>(text, &mut |raw| {
        seen += 1;
        if seen > taken {
            sink(document, raw);
        }
    })
    .map_err(|_| diagnose_json(text))
}

fn json_objects<T: Typing>(text: &str, out: Out<'_>) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    DocumentSeed::<T>::new(out).deserialize(&mut deserializer)?;
    deserializer.end()
}

/// Re-reads a JSON file with a syntax error with path tracking.
fn diagnose_json(text: &str) -> ReadError<'_> {
    let mut track = serde_path_to_error::Track::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let result = DocumentSeed::<Buffer>::new(&mut |_| {})
        .deserialize(serde_path_to_error::Deserializer::new(
            &mut deserializer,
            &mut track,
        ))
        .and_then(|()| deserializer.end());
    let error = match result {
        Err(error) => error,
        // Unreachable in practice: the same text failed a moment ago.
        Ok(()) => serde::de::Error::custom("the input could not be read"),
    };
    let (line, column) = (error.line(), error.column());
    ReadError {
        document: 0,
        path: doc_path(&track.path()),
        line: (line > 0).then_some(line),
        // serde_json says column 0 for an error at a line break; columns here are 1-based.
        column: (line > 0).then_some(column.max(1)),
        message: strip_position(&error.to_string(), line, column),
        text: DocText::Json(text),
    }
}

fn read_yaml<'a>(
    text: &'a str,
    sink: &mut dyn FnMut(Document<'a>, RawObject),
) -> Result<(), ReadError<'a>> {
    let mut documents = yaml::Documents::new(text);
    let mut index = 0;
    while let Some(read) = documents.next_streamed() {
        let document = Document {
            index,
            text: DocText::Yaml(text, index),
        };
        let streamed = read.map_err(|error| yaml_error(text, index, DocPath::default(), &error))?;
        let mut out = |raw| sink(document, raw);
        if DocumentSeed::<Buffer>::new(&mut out)
            .deserialize(streamed)
            .is_err()
        {
            return Err(diagnose_yaml(text, index));
        }
        index += 1;
    }
    Ok(())
}

/// Re-reads failing YAML document `index` with path tracking.
fn diagnose_yaml(text: &str, index: usize) -> ReadError<'_> {
    let mut track = serde_path_to_error::Track::new();
    let mut documents = yaml::Documents::new(text);
    let error = match documents.skip_documents(index) {
        Ok(true) => match documents.next_streamed() {
            Some(Ok(streamed)) => DocumentSeed::<Buffer>::new(&mut |_| {})
                .deserialize(serde_path_to_error::Deserializer::new(streamed, &mut track))
                .err(),
            Some(Err(error)) => Some(error),
            None => None,
        },
        Ok(false) => None,
        Err(error) => Some(error),
    }
    // Unreachable in practice: the same text failed a moment ago.
    .unwrap_or_else(|| serde::de::Error::custom("the input could not be read"));
    yaml_error(text, index, doc_path(&track.path()), &error)
}

/// A YAML reading error of document `index` at `path`.
fn yaml_error<'a>(
    text: &'a str,
    index: usize,
    path: DocPath,
    error: &yaml::Error,
) -> ReadError<'a> {
    ReadError {
        document: index,
        path,
        line: error.mark().map(yaml::Mark::line),
        column: error.mark().map(yaml::Mark::column),
        message: error.message().to_owned(),
        text: DocText::Yaml(text, index),
    }
}

/// Removes the parser's ` at line L column C` from a message; the position is reported apart.
fn strip_position(message: &str, line: usize, column: usize) -> String {
    message.replacen(&format!(" at line {line} column {column}"), "", 1)
}

/// A serde_path_to_error path as a [`DocPath`]; map keys become fields (serde does not tell
/// struct fields from map keys).
pub(crate) fn doc_path(path: &serde_path_to_error::Path) -> DocPath {
    DocPath(
        path.iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Seg::Field(key.clone())),
                serde_path_to_error::Segment::Enum { variant } => Some(Seg::Field(variant.clone())),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect(),
    )
}
