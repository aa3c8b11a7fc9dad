//! The one-pass reader: walks a document (a lone object or a List) with serde, reads each
//! object's `apiVersion` and `kind` as they stream by, skips the kinds dsplan does not read and
//! hands the rest of each object to a [`Typing`]: [`Direct`] deserializes Nodes and Pods
//! straight into their kept fields ([`crate::kept`]) and ControllerRevisions into their
//! k8s-openapi type, without an intermediate tree; [`Buffer`] keeps every object as JSON
//! values, typed afterwards by [`crate::objects`].
//!
//! JSON, the format of large snapshots, is read with [`Direct`]; YAML (whose parser costs far
//! more than the detour through values) and the second reading of a JSON file that failed are
//! read with [`Buffer`]. Each type's deserializer is thus compiled twice (JSON stream and JSON
//! values) rather than once per format and path-tracking wrapper, which keeps the WebAssembly
//! artifacts small.
//!
//! kubectl prints keys sorted, so `apiVersion` and `kind` come first in every object, and a
//! List's `items` come before its `kind: List`. Objects whose `kind` comes later, DaemonSets
//! (which need legacy-version handling) and objects of an unexpected version are buffered even
//! by [`Direct`]. Nothing here judges content: it only reports what it read.

use crate::kept::{KeptNode, KeptPod};
use dsplan_model::k8s_openapi::api::apps::v1::ControllerRevision;
use dsplan_model::k8s_openapi::api::core::v1::{Node, Pod};
use serde::de::value::{MapAccessDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;
use std::marker::PhantomData;

/// What was read for one object.
#[derive(Debug)]
pub(crate) enum Parsed {
    /// A v1 Node, typed while streaming ([`Direct`]).
    Node(Box<Node>),
    /// A v1 Pod, typed while streaming.
    Pod(Box<Pod>),
    /// An apps/v1 ControllerRevision, typed while streaming.
    ControllerRevision(Box<ControllerRevision>),
    /// An object of a wanted kind kept as JSON (without `apiVersion` and `kind`).
    Buffered {
        /// The `apiVersion` as written, when there was one.
        api_version: Option<String>,
        /// The `kind`.
        kind: String,
        /// Every other field.
        fields: Map<String, Value>,
    },
    /// An object of another kind, skipped.
    Skipped(String),
    /// An object without `kind`.
    MissingKind,
}

/// One object read from a document.
#[derive(Debug)]
pub(crate) struct RawObject {
    /// Index in the List's `items`, or `None` for a lone object.
    pub(crate) item: Option<usize>,
    /// What was read.
    pub(crate) parsed: Parsed,
}

/// How the objects of the kinds dsplan reads are read once their `apiVersion` and `kind` are
/// known.
pub(crate) trait Typing {
    /// Reads the rest of a wanted object; its key `pending` was just read, its value not yet.
    fn read_rest<'de, A: MapAccess<'de>>(
        version: String,
        kind: String,
        pending: String,
        map: A,
    ) -> Result<Parsed, A::Error>;
}

/// Types Nodes and Pods (their kept fields, [`crate::kept`]) and ControllerRevisions while
/// streaming; buffers DaemonSets and objects of unexpected versions.
pub(crate) enum Direct {}

/// Buffers every object as JSON values.
pub(crate) enum Buffer {}

impl Typing for Direct {
    fn read_rest<'de, A: MapAccess<'de>>(
        version: String,
        kind: String,
        pending: String,
        map: A,
    ) -> Result<Parsed, A::Error> {
        // The version and kind were matched here; k8s-openapi's ControllerRevision checks them
        // only when present, so they are not replayed.
        match (kind.as_str(), version.as_str()) {
            ("Node", "v1") => KeptNode::deserialize(replay(pending, map))
                .map(|node| Parsed::Node(Box::new(Node::from(node)))),
            ("Pod", "v1") => {
                KeptPod::deserialize(replay(pending, map)).map(|pod| Parsed::Pod(pod.into()))
            }
            ("ControllerRevision", "apps/v1") => {
                ControllerRevision::deserialize(replay(pending, map))
                    .map(|revision| Parsed::ControllerRevision(Box::new(revision)))
            }
            _ => Buffer::read_rest(version, kind, pending, map),
        }
    }
}

impl Typing for Buffer {
    fn read_rest<'de, A: MapAccess<'de>>(
        version: String,
        kind: String,
        pending: String,
        map: A,
    ) -> Result<Parsed, A::Error> {
        let fields = Map::deserialize(replay(pending, map))?;
        Ok(Parsed::Buffered {
            api_version: Some(version),
            kind,
            fields,
        })
    }
}

/// Where each object goes as soon as it is read, so that a large List is never held twice.
pub(crate) type Out<'s> = &'s mut dyn FnMut(RawObject);

/// Reads one document (a lone object, a List, or nothing), handing each object to `out`.
pub(crate) struct DocumentSeed<'s, T> {
    out: Out<'s>,
    typing: PhantomData<T>,
}

impl<'s, T: Typing> DocumentSeed<'s, T> {
    pub(crate) fn new(out: Out<'s>) -> Self {
        Self {
            out,
            typing: PhantomData,
        }
    }
}

impl<'de, T: Typing> DeserializeSeed<'de> for DocumentSeed<'_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(DocumentVisitor::<T> {
            out: self.out,
            typing: PhantomData,
        })
    }
}

struct DocumentVisitor<'s, T> {
    out: Out<'s>,
    typing: PhantomData<T>,
}

impl<'de, T: Typing> Visitor<'de> for DocumentVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Kubernetes object or List")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        ObjectVisitor::<T> {
            out: self.out,
            item: None,
            typing: PhantomData,
        }
        .visit_map(map)
    }
}

/// The keys the reader looks at; everything else is `Other`.
enum Key {
    ApiVersion,
    Kind,
    Items,
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "apiVersion" => Key::ApiVersion,
                    "kind" => Key::Kind,
                    "items" => Key::Items,
                    other => Key::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

fn is_list_kind(kind: &str) -> bool {
    kind.ends_with("List")
}

/// Reads one object, or a List of objects when `item` is `None`.
struct ObjectVisitor<'s, T> {
    out: Out<'s>,
    item: Option<usize>,
    typing: PhantomData<T>,
}

impl<'de, T: Typing> Visitor<'de> for ObjectVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a Kubernetes object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let top = self.item.is_none();
        let mut api_version: Option<String> = None;
        let mut kind: Option<String> = None;
        let mut saw_items = false;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::ApiVersion => api_version = Some(map.next_value()?),
                Key::Kind => kind = Some(map.next_value()?),
                Key::Items if top && kind.as_deref().is_none_or(is_list_kind) => {
                    map.next_value_seed(ItemsSeed::<T> {
                        out: &mut *self.out,
                        typing: PhantomData,
                    })?;
                    saw_items = true;
                }
                Key::Items | Key::Other(_)
                    if saw_items || (top && kind.as_deref().is_some_and(is_list_kind)) =>
                {
                    // The List's own metadata.
                    map.next_value::<IgnoredAny>()?;
                }
                Key::Items => return self.rest(api_version, kind, "items".to_owned(), map),
                Key::Other(name) => return self.rest(api_version, kind, name, map),
            }
        }
        if saw_items || kind.as_deref().is_some_and(|k| top && is_list_kind(k)) {
            return Ok(());
        }
        // An object with nothing but apiVersion and kind.
        let parsed = match kind {
            Some(kind) => Parsed::Buffered {
                api_version,
                kind,
                fields: Map::new(),
            },
            None => Parsed::MissingKind,
        };
        self.finish(parsed)
    }
}

impl<T: Typing> ObjectVisitor<'_, T> {
    /// Reads the rest of the object once a field other than `apiVersion`, `kind` and a List's
    /// `items` was met (its key is `pending`, its value not read yet).
    fn rest<'de, A: MapAccess<'de>>(
        self,
        api_version: Option<String>,
        kind: Option<String>,
        pending: String,
        map: A,
    ) -> Result<(), A::Error> {
        let (api_version, kind) = match (api_version, kind) {
            (Some(version), Some(kind)) => {
                let parsed = if is_wanted(&kind) {
                    T::read_rest(version, kind, pending, map)?
                } else {
                    skip_rest(map)?;
                    Parsed::Skipped(kind)
                };
                return self.finish(parsed);
            }
            unknown => unknown,
        };
        let OutOfOrder {
            api_version,
            kind,
            mut fields,
        } = buffer_out_of_order(api_version, kind, pending, map)?;
        let parsed = match kind {
            Some(kind) if self.item.is_none() && is_list_kind(&kind) => {
                if let Some(items) = fields.remove("items") {
                    // Already values: buffering them costs nothing, and typing straight from
                    // values would compile every k8s-openapi deserializer once more.
                    ItemsSeed::<Buffer> {
                        out: self.out,
                        typing: PhantomData,
                    }
                    .deserialize(items)
                    .map_err(de::Error::custom)?;
                }
                return Ok(());
            }
            Some(kind) if is_wanted(&kind) => Parsed::Buffered {
                api_version,
                kind,
                fields,
            },
            Some(kind) => Parsed::Skipped(kind),
            None => Parsed::MissingKind,
        };
        self.finish(parsed)
    }

    fn finish<E>(self, parsed: Parsed) -> Result<(), E> {
        (self.out)(RawObject {
            item: self.item,
            parsed,
        });
        Ok(())
    }
}

/// Skips the rest of an object of a kind dsplan does not read; the value of the key just read
/// comes first.
fn skip_rest<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>()?;
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Buffers an object whose `apiVersion` or `kind` comes after other fields.
fn buffer_out_of_order<'de, A: MapAccess<'de>>(
    mut api_version: Option<String>,
    mut kind: Option<String>,
    pending: String,
    mut map: A,
) -> Result<OutOfOrder, A::Error> {
    let mut fields = Map::new();
    fields.insert(pending, map.next_value()?);
    while let Some(key) = map.next_key::<Key>()? {
        match key {
            Key::ApiVersion => api_version = Some(map.next_value()?),
            Key::Kind => kind = Some(map.next_value()?),
            Key::Items => {
                fields.insert("items".to_owned(), map.next_value()?);
            }
            Key::Other(name) => {
                fields.insert(name, map.next_value()?);
            }
        }
    }
    Ok(OutOfOrder {
        api_version,
        kind,
        fields,
    })
}

/// An object read whole because its `apiVersion` or `kind` came late.
struct OutOfOrder {
    api_version: Option<String>,
    kind: Option<String>,
    fields: Map<String, Value>,
}

/// The kinds dsplan reads.
fn is_wanted(kind: &str) -> bool {
    matches!(kind, "Node" | "Pod" | "ControllerRevision" | "DaemonSet")
}

fn replay<'de, A: MapAccess<'de>>(pending: String, inner: A) -> MapAccessDeserializer<Replay<A>> {
    MapAccessDeserializer::new(Replay {
        pending: Some(pending),
        inner,
    })
}

/// A map that first yields the key already read, whose value is still in `inner`, then the
/// rest of `inner`.
struct Replay<A> {
    pending: Option<String>,
    inner: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some(key) = self.pending.take() {
            return seed.deserialize(StringDeserializer::new(key)).map(Some);
        }
        self.inner.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
}

/// Reads a List's `items`.
struct ItemsSeed<'s, T> {
    out: Out<'s>,
    typing: PhantomData<T>,
}

impl<'de, T: Typing> DeserializeSeed<'de> for ItemsSeed<'_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: Typing> Visitor<'de> for ItemsSeed<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of Kubernetes objects")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(ItemSeed::<T> {
                out: &mut *self.out,
                item: index,
                typing: PhantomData,
            })?
            .is_some()
        {
            index += 1;
        }
        Ok(())
    }
}

struct ItemSeed<'s, T> {
    out: Out<'s>,
    item: usize,
    typing: PhantomData<T>,
}

impl<'de, T: Typing> DeserializeSeed<'de> for ItemSeed<'_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(ObjectVisitor::<T> {
            out: self.out,
            item: Some(self.item),
            typing: PhantomData,
        })
    }
}
