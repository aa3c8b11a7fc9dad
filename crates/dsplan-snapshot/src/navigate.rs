//! Error-path helpers that walk a document's text along a [`DocPath`]: the line and column of
//! the value there, and the kind and name of the object there. They re-read the text with serde
//! and stop at the target, so the happy path pays nothing for them.
//!
//! The position comes from the parser itself: at the target a visitor fails with a marker, and
//! the YAML reader stamps the error with the start of that node, serde_json with the position
//! just after that value's first token.

use crate::path::{DocPath, Seg};
use crate::yaml;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// The text of the error raised at the target.
const MARKER: &str = "dsplan: located";

/// Follows `path` and applies `then` to the value found there; `Ok(None)` when the path does not
/// exist in the text.
struct Navigate<'p, S> {
    path: &'p [Seg],
    then: S,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Navigate<'_, S> {
    type Value = Option<S::Value>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        match self.path.split_first() {
            None => self.then.deserialize(deserializer).map(Some),
            Some((first, rest)) => deserializer.deserialize_any(Step {
                first,
                rest,
                then: self.then,
            }),
        }
    }
}

struct Step<'p, S> {
    first: &'p Seg,
    rest: &'p [Seg],
    then: S,
}

impl<'de, S: DeserializeSeed<'de>> Visitor<'de> for Step<'_, S> {
    type Value = Option<S::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(wanted) = self.first.key() else {
            return Ok(None);
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == wanted {
                return map.next_value_seed(Navigate {
                    path: self.rest,
                    then: self.then,
                });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Seg::Index(wanted) = self.first else {
            return Ok(None);
        };
        for _ in 0..*wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(None);
            }
        }
        Ok(seq
            .next_element_seed(Navigate {
                path: self.rest,
                then: self.then,
            })?
            .flatten())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// Fails on whatever value it is given, so that the parser reports where that value is.
struct FailHere;

impl<'de> DeserializeSeed<'de> for FailHere {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(FailHere)
    }
}

impl<'de> Visitor<'de> for FailHere {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MARKER)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(MARKER))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(MARKER))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(MARKER))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(MARKER))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(MARKER))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(MARKER))
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(MARKER))
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(MARKER))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(MARKER))
    }
}

/// The identity of an object, read leniently.
#[derive(Debug, Deserialize)]
pub(crate) struct Head {
    pub(crate) kind: Option<String>,
    pub(crate) metadata: Option<HeadMeta>,
}

/// The name part of [`Head`].
#[derive(Debug, Deserialize)]
pub(crate) struct HeadMeta {
    pub(crate) name: Option<String>,
    pub(crate) namespace: Option<String>,
}

/// One document's text, in the syntax it was read with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum DocText<'a> {
    /// A whole JSON file.
    Json(&'a str),
    /// Document `index` of a YAML file.
    Yaml(&'a str, usize),
}

impl DocText<'_> {
    /// The 1-based line and column of the value at `path`, when the text has it.
    pub(crate) fn locate(self, path: &DocPath) -> Option<(usize, usize)> {
        let seed = Navigate {
            path: &path.0,
            then: FailHere,
        };
        match self {
            DocText::Json(text) => {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                match seed.deserialize(&mut deserializer) {
                    Err(error) if error.to_string().contains(MARKER) => {
                        Some((error.line(), error.column()))
                    }
                    _ => None,
                }
            }
            DocText::Yaml(text, index) => {
                let mut documents = yaml::Documents::new(text);
                if !documents.skip_documents(index).ok()? {
                    return None;
                }
                match seed.deserialize(documents.next_streamed()?.ok()?) {
                    Err(error) if error.message() == MARKER => {
                        error.mark().map(|mark| (mark.line(), mark.column()))
                    }
                    _ => None,
                }
            }
        }
    }

    /// The kind and name of the object at `path`, read leniently: whatever follows the object
    /// in the text (even a syntax error) does not matter once it has been read.
    pub(crate) fn head(self, path: &DocPath) -> Option<Head> {
        let mut slot = None;
        let seed = Navigate {
            path: &path.0,
            then: Capture { slot: &mut slot },
        };
        // The walk stops early, which the parsers may report as an error: only the slot counts.
        match self {
            DocText::Json(text) => {
                let mut deserializer = serde_json::Deserializer::from_str(text);
                let _ = seed.deserialize(&mut deserializer);
            }
            DocText::Yaml(text, index) => {
                let mut documents = yaml::Documents::new(text);
                if documents.skip_documents(index).ok()? {
                    if let Some(Ok(streamed)) = documents.next_streamed() {
                        let _ = seed.deserialize(streamed);
                    }
                }
            }
        }
        slot
    }
}

/// Reads a [`Head`] into `slot`.
struct Capture<'s> {
    slot: &'s mut Option<Head>,
}

impl<'de> DeserializeSeed<'de> for Capture<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        *self.slot = Some(Head::deserialize(deserializer)?);
        Ok(())
    }
}
