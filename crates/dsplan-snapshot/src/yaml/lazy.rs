//! A document read while it is handed on, so that a large `kind: List` is never held as a
//! whole tree: the top-level mapping goes to serde key by key, and each sequence value of it
//! (a List's `items`) item by item, each item read into a [`Node`] tree first. Everything
//! else is read into trees as [`super::compose`] reads it.
//!
//! go-yaml v2 lets a repeated key, or a key a merge (`<<`) also sets, override the earlier
//! value. The top-level mapping's keys are handed on as they come, so there such a repeat is
//! an error naming the key; merges that set new keys there work as go-yaml's do.

use super::compose::{end_of_document, next_event, Composer, Mapping};
use super::error::{Error, Mark};
use super::node::{Entry, Node};
use super::resolve;
use saphyr_parser::{Event, Parser, StrInput};
use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use std::collections::{HashSet, VecDeque};

/// One document of a stream, read as serde asks for it. Reading it consumes the document
/// through its end, even when the visitor stops early.
pub struct Streamed<'p, 't> {
    parser: &'p mut Parser<'t, StrInput<'t>>,
    composer: Composer<'t>,
}

impl<'p, 't> Streamed<'p, 't> {
    pub(super) fn new(parser: &'p mut Parser<'t, StrInput<'t>>, text: &'t str) -> Self {
        Self {
            parser,
            composer: Composer::new(text),
        }
    }
}

impl<'de> Deserializer<'de> for Streamed<'_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value, Error> {
        let first = next_event(self.parser)?;
        let value = match first.0 {
            Event::MappingStart(..) => {
                let mark = Mark::from_parser(first.1.start);
                let mut map = TopMap {
                    parser: &mut *self.parser,
                    composer: &mut self.composer,
                    seen: HashSet::new(),
                    merged: VecDeque::new(),
                    value: None,
                    ended: false,
                };
                let value = visitor
                    .visit_map(&mut map)
                    .map_err(|error| error.or_at(mark))?;
                map.finish()?;
                value
            }
            _ => {
                let node = self.composer.value(self.parser, first, 0)?;
                node.deserialize_any(visitor)?
            }
        };
        end_of_document(self.parser)?;
        Ok(value)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// The value waiting after a key of the top-level mapping.
enum Pending {
    Node(Node),
    /// A sequence whose `SequenceStart` (at this mark) was read.
    Items(Mark),
}

/// The top-level mapping, key by key.
struct TopMap<'a, 't> {
    parser: &'a mut Parser<'t, StrInput<'t>>,
    composer: &'a mut Composer<'t>,
    seen: HashSet<String>,
    /// Entries of a merge, still to hand on.
    merged: VecDeque<Entry>,
    value: Option<Pending>,
    ended: bool,
}

impl TopMap<'_, '_> {
    /// Notes a key handed on; a repeat is an error.
    fn first_time(&mut self, key: &str, mark: Mark) -> Result<(), Error> {
        if self.seen.insert(key.to_owned()) {
            return Ok(());
        }
        Err(Error::at(
            format!(
                "key {key:?} is set twice in the document's top-level mapping; dsplan reads \
                 that mapping as it streams and takes each key once"
            ),
            mark,
        ))
    }

    /// Reads what the visitor left of the mapping, checked as the rest of it would be.
    fn finish(&mut self) -> Result<(), Error> {
        let mut map = self;
        if map.value.is_some() {
            map.next_value::<IgnoredAny>()?;
        }
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

impl<'de> MapAccess<'de> for &mut TopMap<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        loop {
            if let Some(entry) = self.merged.pop_front() {
                self.first_time(&entry.key, entry.key_mark)?;
                self.value = Some(Pending::Node(entry.value));
                return key(seed, entry.key, entry.key_mark);
            }
            if self.ended {
                return Ok(None);
            }
            let (event, span) = next_event(self.parser)?;
            if let Event::MappingEnd = event {
                self.ended = true;
                return Ok(None);
            }
            if let Event::Scalar(text, style, _, tag) = &event {
                if resolve::is_merge(text, *style, tag.as_deref()) {
                    let first = next_event(self.parser)?;
                    let value = self.composer.value(self.parser, first, 1)?;
                    let mut mapping = Mapping::default();
                    mapping.merge(value)?;
                    self.merged.extend(mapping.into_entries());
                    continue;
                }
            }
            let (name, key_mark) = self.composer.key(self.parser, (event, span), 1)?;
            self.first_time(&name, key_mark)?;
            let first = next_event(self.parser)?;
            self.value = Some(match first.0 {
                Event::SequenceStart(0, _) => Pending::Items(Mark::from_parser(first.1.start)),
                _ => Pending::Node(self.composer.value(self.parser, first, 1)?),
            });
            return key(seed, name, key_mark);
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(Pending::Node(node)) => seed.deserialize(node),
            Some(Pending::Items(mark)) => {
                let mut items = Items {
                    parser: &mut *self.parser,
                    composer: &mut *self.composer,
                    ended: false,
                };
                let value = seed
                    .deserialize(ItemsDeserializer(&mut items))
                    .map_err(|error| error.or_at(mark))?;
                if !items.ended {
                    skip_sequence(items.parser)?;
                }
                Ok(value)
            }
            None => Err(de::Error::custom(
                "a map value was asked for before its key",
            )),
        }
    }
}

fn key<'de, K: DeserializeSeed<'de>>(
    seed: K,
    name: String,
    mark: Mark,
) -> Result<Option<K::Value>, Error> {
    seed.deserialize(StringDeserializer::<Error>::new(name))
        .map(Some)
        .map_err(|error| error.or_at(mark))
}

/// Passes over the rest of a sequence whose start was read.
fn skip_sequence<'t>(parser: &mut Parser<'t, StrInput<'t>>) -> Result<(), Error> {
    let mut depth = 1usize;
    while depth > 0 {
        match next_event(parser)?.0 {
            Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
            Event::SequenceEnd | Event::MappingEnd => depth -= 1,
            _ => {}
        }
    }
    Ok(())
}

/// A top-level sequence, item by item.
struct Items<'a, 't> {
    parser: &'a mut Parser<'t, StrInput<'t>>,
    composer: &'a mut Composer<'t>,
    ended: bool,
}

struct ItemsDeserializer<'i, 'a, 't>(&'i mut Items<'a, 't>);

impl<'de> Deserializer<'de> for ItemsDeserializer<'_, '_, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(self.0)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de> SeqAccess<'de> for &mut Items<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.ended {
            return Ok(None);
        }
        let first = next_event(self.parser)?;
        if let Event::SequenceEnd = first.0 {
            self.ended = true;
            return Ok(None);
        }
        let item = self.composer.value(self.parser, first, 2)?;
        seed.deserialize(item).map(Some)
    }
}
