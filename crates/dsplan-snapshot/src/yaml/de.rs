//! serde over a [`Node`] tree, giving each Rust value what serde_json would give it for the
//! JSON kubectl makes of the document (sigs.k8s.io/yaml `YAMLToJSON`, then `encoding/json`):
//! non-negative integers as `u64`, negative ones as `i64`, floats with an integral value
//! below 1e21 as the integers Go prints for them (`1.0` is `1`), strings moved out of the tree.
//! An error raised while a node is read is placed at that node unless a node inside it was
//! placed first.

use super::error::Error;
use super::node::{Entry, Node, Value};
use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

impl<'de> Deserializer<'de> for Node {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mark = self.mark;
        visit(self.value, visitor).map_err(|error| error.or_at(mark))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => {
                let mark = self.mark;
                visitor.visit_some(self).map_err(|error| error.or_at(mark))
            }
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mark = self.mark;
        match self.value {
            Value::Str(text) => StringDeserializer::<Error>::new(text)
                .deserialize_enum(name, variants, visitor)
                .map_err(|error| error.or_at(mark)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mark = self.mark;
        visitor
            .visit_newtype_struct(self)
            .map_err(|error| error.or_at(mark))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// Hands `value` to `visitor`; errors are placed by the caller.
fn visit<'de, V: Visitor<'de>>(value: Value, visitor: V) -> Result<V::Value, Error> {
    match value {
        Value::Null => visitor.visit_unit(),
        Value::Bool(flag) => visitor.visit_bool(flag),
        Value::Int(int) => match u64::try_from(int) {
            Ok(uint) => visitor.visit_u64(uint),
            Err(_) => visitor.visit_i64(int),
        },
        Value::Uint(uint) => visitor.visit_u64(uint),
        Value::Float(float) => visit_float(float, visitor),
        Value::Str(text) => visitor.visit_string(text),
        Value::Seq(items) => {
            let len = items.len();
            let mut access = Items(items.into_iter());
            let value = visitor.visit_seq(&mut access)?;
            match access.0.len() {
                0 => Ok(value),
                left => Err(de::Error::invalid_length(len, &ExpectedFewer(left))),
            }
        }
        Value::Map(entries) => {
            let len = entries.len();
            let mut access = Entries {
                entries: entries.into_iter(),
                value: None,
            };
            let value = visitor.visit_map(&mut access)?;
            match access.entries.len() {
                0 => Ok(value),
                left => Err(de::Error::invalid_length(len, &ExpectedFewer(left))),
            }
        }
    }
}

/// A float as serde_json reads the text Go's `encoding/json` writes for it: below 1e21 an
/// integral float is written without fraction or exponent, which reads back as an integer
/// when it fits one.
fn visit_float<'de, V: Visitor<'de>>(float: f64, visitor: V) -> Result<V::Value, Error> {
    if float.fract() == 0.0 && float.abs() < 1e21 {
        // Rust prints such floats as Go does: shortest digits, padded with zeros.
        let printed = float.to_string();
        if let Ok(uint) = printed.parse::<u64>() {
            return visitor.visit_u64(uint);
        }
        if let Ok(int) = printed.parse::<i64>() {
            return visitor.visit_i64(int);
        }
    }
    visitor.visit_f64(float)
}

/// "fewer elements" for `invalid_length`, naming how many were left over.
struct ExpectedFewer(usize);

impl de::Expected for ExpectedFewer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{} fewer elements", self.0)
    }
}

struct Items(std::vec::IntoIter<Node>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|item| seed.deserialize(item)).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Entries {
    entries: std::vec::IntoIter<Entry>,
    value: Option<Node>,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(entry.value);
        let mark = entry.key_mark;
        seed.deserialize(StringDeserializer::<Error>::new(entry.key))
            .map(Some)
            .map_err(|error| error.or_at(mark))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom(
                "a map value was asked for before its key",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}
