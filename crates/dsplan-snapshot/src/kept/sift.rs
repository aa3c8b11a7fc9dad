//! Reads a list of which dsplan reads only some elements: each element through a narrow view
//! whose strings are borrowed from the input where the deserializer lends them, kept only when
//! a rule reads it, so that the elements no rule reads cost no allocation.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A string borrowed from the input where the deserializer lends it (a JSON string without
/// escapes), owned otherwise (an escaped JSON string, YAML, a buffered value). It accepts what a
/// `String` accepts, with the same message.
pub(super) struct Text<'de>(pub(super) Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// An element type of which a rule reads only some elements of a list: each element is read as
/// a `View`, and `sift` gives the element to keep, if any.
pub(super) trait Sifted: Sized {
    /// What is read of one element.
    type View<'de>: Deserialize<'de>;
    /// The element to keep, when a rule reads it.
    fn sift(view: Self::View<'_>) -> Option<Self>;
}

/// A list of `T` read element by element as `T::View`, keeping, in order, the elements
/// `T::sift` gives. It accepts what a `Vec` accepts, with the same message.
pub(super) struct Sift<T>(Vec<T>);

impl<'de, T: Sifted> Deserialize<'de> for Sift<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SiftVisitor<T>(PhantomData<T>);
        impl<'de, T: Sifted> Visitor<'de> for SiftVisitor<T> {
            type Value = Sift<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Sift<T>, A::Error> {
                let mut kept = Vec::new();
                while let Some(view) = seq.next_element::<T::View<'de>>()? {
                    kept.extend(T::sift(view));
                }
                Ok(Sift(kept))
            }
        }
        deserializer.deserialize_seq(SiftVisitor(PhantomData))
    }
}

/// The kept elements of a list read with [`Sift`], unset when the list was.
pub(super) fn sifted<T>(list: Option<Sift<T>>) -> Option<Vec<T>> {
    list.map(|Sift(kept)| kept)
}
