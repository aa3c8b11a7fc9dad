//! Parser events into one document's [`Node`] tree, as go-yaml v2 builds and decodes it into
//! `interface{}` (`decode.go`): anchors and aliases (an alias is a copy of its anchor's value;
//! one that refers to a node still open fails), merge keys `<<` (`mapping`, `merge`: later
//! keys override earlier ones, merged ones included; the maps of a merged sequence are
//! applied last to first so that earlier ones win), repeated keys (the last wins), the alias
//! expansion budget of `allowedAliasRatio`, and the JSON rule that NaN and infinities are not
//! values (`encoding/json`, which sigs.k8s.io/yaml writes the result with).

use super::error::{Error, Mark};
use super::key::json_key;
use super::node::{Entry, Node, Value};
use super::resolve;
use saphyr_parser::{Event, Parser, Span, StrInput};
use std::collections::HashMap;

/// Deepest nesting read. go-yaml allows 10,000; the tree is read recursively afterwards, so
/// dsplan stops where serde_json stops for JSON input.
const MAX_DEPTH: usize = 128;

/// Mappings with more keys than this find repeated keys through a hash index.
const INDEXED_FROM: usize = 32;

/// Reads the rest of a document whose `DocumentStart` was just read, through its
/// `DocumentEnd`.
pub(super) fn document<'t>(
    parser: &mut Parser<'t, StrInput<'t>>,
    text: &'t str,
) -> Result<Node, Error> {
    let mut composer = Composer::new(text);
    let first = next_event(parser)?;
    let root = composer.value(parser, first, 0)?;
    end_of_document(parser)?;
    Ok(root)
}

/// Reads the `DocumentEnd` that must follow a document's root node.
pub(super) fn end_of_document<'t>(parser: &mut Parser<'t, StrInput<'t>>) -> Result<(), Error> {
    let (event, span) = next_event(parser)?;
    match event {
        Event::DocumentEnd => Ok(()),
        _ => Err(Error::at(
            "expected the end of the document",
            Mark::from_parser(span.start),
        )),
    }
}

/// The next event, with the parser's errors at their position.
pub(super) fn next_event<'t>(
    parser: &mut Parser<'t, StrInput<'t>>,
) -> Result<(Event<'t>, Span), Error> {
    match parser.next_event() {
        Some(Ok(event)) => Ok(event),
        Some(Err(error)) => Err(Error::at(
            error.info().to_owned(),
            Mark::from_parser(*error.marker()),
        )),
        None => Err(Error::at("unexpected end of the stream", Mark::START)),
    }
}

/// What one document has read so far that later nodes of it may refer to: its anchors and
/// its alias budget.
pub(super) struct Composer<'t> {
    text: &'t str,
    /// Completed anchored nodes by the parser's anchor id, with their size.
    anchors: HashMap<usize, (Node, usize)>,
    /// go-yaml's `decodeCount` and `aliasCount`.
    decoded: usize,
    aliased: usize,
}

/// A collection still being read.
struct Frame {
    open: Open,
    mark: Mark,
    anchor: usize,
}

enum Open {
    Seq(Vec<Node>),
    Map(Mapping),
}

/// A mapping being read: its entries so far and the key waiting for its value.
#[derive(Default)]
pub(super) struct Mapping {
    entries: Vec<Entry>,
    index: Option<HashMap<String, usize>>,
    key: Option<Key>,
}

enum Key {
    Named(String, Mark),
    Merge,
}

impl<'t> Composer<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Self {
            text,
            anchors: HashMap::new(),
            decoded: 0,
            aliased: 0,
        }
    }

    /// Reads one node used as a value, `first` being its first event; `depth` collections
    /// enclose it.
    pub(super) fn value(
        &mut self,
        parser: &mut Parser<'t, StrInput<'t>>,
        first: (Event<'t>, Span),
        depth: usize,
    ) -> Result<Node, Error> {
        let (node, copied) = self.node(parser, first, depth)?;
        check_value(&node, copied)?;
        Ok(node)
    }

    /// Reads one node used as a mapping key, as its JSON key and position.
    pub(super) fn key(
        &mut self,
        parser: &mut Parser<'t, StrInput<'t>>,
        first: (Event<'t>, Span),
        depth: usize,
    ) -> Result<(String, Mark), Error> {
        let (node, _) = self.node(parser, first, depth)?;
        let mark = node.mark;
        Ok((json_key(node)?, mark))
    }

    /// Reads one complete node; `true` with it when it is an alias's copy.
    fn node(
        &mut self,
        parser: &mut Parser<'t, StrInput<'t>>,
        first: (Event<'t>, Span),
        depth: usize,
    ) -> Result<(Node, bool), Error> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut next = first;
        loop {
            let (event, span) = next;
            let mark = Mark::from_parser(span.start);
            let complete = match event {
                Event::Scalar(text, style, anchor, tag) => {
                    self.decoded += 1;
                    if expects_key(&stack) && resolve::is_merge(&text, style, tag.as_deref()) {
                        if let Some(Frame {
                            open: Open::Map(mapping),
                            ..
                        }) = stack.last_mut()
                        {
                            mapping.key = Some(Key::Merge);
                        }
                        None
                    } else {
                        let value = resolve::scalar(text, style, tag.as_deref())
                            .map_err(|message| Error::at(message, mark))?;
                        Some((Node::new(value, mark), anchor, false))
                    }
                }
                // Tags on collections change nothing when go-yaml decodes into `interface{}`.
                Event::SequenceStart(anchor, _) => {
                    self.open(&mut stack, Open::Seq(Vec::new()), mark, anchor, depth)?;
                    None
                }
                Event::MappingStart(anchor, _) => {
                    self.open(
                        &mut stack,
                        Open::Map(Mapping::default()),
                        mark,
                        anchor,
                        depth,
                    )?;
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = stack.pop() else {
                        return Err(Error::at("unexpected end of a collection", mark));
                    };
                    let value = match frame.open {
                        Open::Seq(items) => Value::Seq(items),
                        Open::Map(mapping) => Value::Map(mapping.entries),
                    };
                    Some((Node::new(value, frame.mark), frame.anchor, false))
                }
                Event::Alias(anchor) => Some((self.alias(anchor, span)?, 0, true)),
                Event::Nothing
                | Event::StreamStart
                | Event::StreamEnd
                | Event::DocumentStart(_)
                | Event::DocumentEnd => {
                    return Err(Error::at("unexpected event inside a document", mark));
                }
            };
            if let Some((node, anchor, copied)) = complete {
                if anchor > 0 {
                    let size = node.size();
                    self.anchors.insert(anchor, (node.clone(), size));
                }
                if let Some(done) = place(&mut stack, node, copied)? {
                    return Ok(done);
                }
            }
            next = next_event(parser)?;
        }
    }

    fn open(
        &mut self,
        stack: &mut Vec<Frame>,
        open: Open,
        mark: Mark,
        anchor: usize,
        depth: usize,
    ) -> Result<(), Error> {
        if depth + stack.len() >= MAX_DEPTH {
            return Err(Error::at(
                format!("exceeded max depth of {MAX_DEPTH}"),
                mark,
            ));
        }
        self.decoded += 1;
        stack.push(Frame { open, mark, anchor });
        Ok(())
    }

    /// A copy of the anchored node, within go-yaml's alias budget.
    fn alias(&mut self, anchor: usize, span: Span) -> Result<Node, Error> {
        let mark = Mark::from_parser(span.start);
        self.decoded += 1;
        let Some((node, size)) = self.anchors.get(&anchor) else {
            // The parser rejects unknown anchors, so this one is still open.
            let name: String = self
                .text
                .chars()
                .skip(span.start.index())
                .take(span.len())
                .skip(1)
                .collect();
            return Err(Error::at(
                format!("anchor '{name}' value contains itself"),
                mark,
            ));
        };
        self.decoded += size;
        self.aliased += size;
        if self.aliased > 100
            && self.decoded > 1000
            && ratio(self.aliased, self.decoded) > allowed_alias_ratio(self.decoded)
        {
            return Err(Error::at("document contains excessive aliasing", mark));
        }
        Ok(Node::new(node.value.clone(), mark))
    }
}

fn expects_key(stack: &[Frame]) -> bool {
    matches!(
        stack.last(),
        Some(Frame {
            open: Open::Map(Mapping { key: None, .. }),
            ..
        })
    )
}

/// Places a complete node as a sequence item, a mapping key, or the value of the key before
/// it; gives it back when no collection is open. `copied` says it came from an alias, whose
/// contents were not checked as values yet.
fn place(stack: &mut [Frame], node: Node, copied: bool) -> Result<Option<(Node, bool)>, Error> {
    let Some(frame) = stack.last_mut() else {
        return Ok(Some((node, copied)));
    };
    match &mut frame.open {
        Open::Seq(items) => {
            check_value(&node, copied)?;
            items.push(node);
        }
        Open::Map(mapping) => match mapping.key.take() {
            None => {
                let mark = node.mark;
                mapping.key = Some(Key::Named(json_key(node)?, mark));
            }
            Some(Key::Named(key, key_mark)) => {
                check_value(&node, copied)?;
                mapping.insert(key, key_mark, node);
            }
            Some(Key::Merge) => {
                check_value(&node, copied)?;
                mapping.merge(node)?;
            }
        },
    }
    Ok(None)
}

impl Mapping {
    /// The entries read, in order.
    pub(super) fn into_entries(self) -> Vec<Entry> {
        self.entries
    }

    /// Sets `key`, replacing the value of an earlier equal key (go-yaml's map assignment).
    fn insert(&mut self, key: String, key_mark: Mark, value: Node) {
        let found = match &self.index {
            Some(index) => index.get(&key).copied(),
            None => self.entries.iter().position(|entry| entry.key == key),
        };
        if let Some(entry) = found.and_then(|at| self.entries.get_mut(at)) {
            entry.value = value;
            return;
        }
        if let Some(index) = &mut self.index {
            index.insert(key.clone(), self.entries.len());
        }
        self.entries.push(Entry {
            key,
            key_mark,
            value,
        });
        if self.index.is_none() && self.entries.len() > INDEXED_FROM {
            self.index = Some(
                self.entries
                    .iter()
                    .enumerate()
                    .map(|(at, entry)| (entry.key.clone(), at))
                    .collect(),
            );
        }
    }

    /// Applies the value of a merge key (`decode.go` `merge`).
    pub(super) fn merge(&mut self, value: Node) -> Result<(), Error> {
        let want_map = |mark| {
            Error::at(
                "map merge requires map or sequence of maps as the value",
                mark,
            )
        };
        match value.value {
            Value::Map(entries) => self.extend(entries),
            Value::Seq(items) => {
                for item in items.into_iter().rev() {
                    let Value::Map(entries) = item.value else {
                        return Err(want_map(item.mark));
                    };
                    self.extend(entries);
                }
            }
            _ => return Err(want_map(value.mark)),
        }
        Ok(())
    }

    fn extend(&mut self, entries: Vec<Entry>) {
        for entry in entries {
            self.insert(entry.key, entry.key_mark, entry.value);
        }
    }
}

/// NaN and the infinities cannot be written as JSON (`encoding/json`: `json: unsupported
/// value: NaN`), so kubectl rejects a document holding one as a value.
pub(super) fn check_value(node: &Node, deep: bool) -> Result<(), Error> {
    match &node.value {
        Value::Float(float) if !float.is_finite() => {
            let name = if float.is_nan() {
                "NaN"
            } else if *float > 0.0 {
                "+Inf"
            } else {
                "-Inf"
            };
            Err(Error::at(
                format!("json: unsupported value: {name}"),
                node.mark,
            ))
        }
        Value::Seq(items) if deep => items.iter().try_for_each(|item| check_value(item, true)),
        Value::Map(entries) if deep => entries
            .iter()
            .try_for_each(|entry| check_value(&entry.value, true)),
        _ => Ok(()),
    }
}

/// `a / b` as go-yaml computes it, in float64.
fn ratio(aliased: usize, decoded: usize) -> f64 {
    aliased as f64 / decoded as f64
}

/// `decode.go` `allowedAliasRatio`: 99% of decoded nodes may come from aliases in documents
/// of up to 400,000 nodes, 10% from 4,000,000 on, scaled linearly between.
fn allowed_alias_ratio(decoded: usize) -> f64 {
    const LOW: usize = 400_000;
    const HIGH: usize = 4_000_000;
    if decoded <= LOW {
        0.99
    } else if decoded >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ratio(decoded - LOW, HIGH - LOW)
    }
}
