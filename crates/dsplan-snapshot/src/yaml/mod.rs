//! YAML read as kubectl reads it: text parsed by saphyr-parser (a maintained YAML 1.2 event
//! parser), values resolved by go-yaml v2's YAML 1.1 rules and shaped as sigs.k8s.io/yaml's
//! conversion to JSON shapes them. `defaultMode: 0755` is 493, `on`/`yes`/`y` are `true`,
//! `0x1F` is 31, `1_000` is 1000, quoted scalars are strings, non-string keys become strings,
//! `<<` merges maps, aliases copy their anchor's value.
//!
//! [`Documents`] yields one [`Node`] tree per document, each node with its line and column; a
//! [`Node`] is a serde [`Deserializer`](serde::Deserializer) whose errors carry the position of
//! the node that failed. [`Documents::next_streamed`] gives a document as a [`Streamed`]
//! deserializer instead, which hands a List on item by item and never holds it whole (the
//! snapshot reader's path).

mod base64;
mod compose;
mod de;
mod error;
mod key;
mod lazy;
mod node;
mod number;
mod resolve;
mod stream;
#[cfg(test)]
mod tests;

pub use error::{Error, Mark};
pub use lazy::Streamed;
pub use node::Node;
pub use stream::Documents;

/// The one document of `text` (a null node for a text without document). A second document
/// is an error: a file of this kind holds one object.
pub fn single(text: &str) -> Result<Node, Error> {
    let mut documents = Documents::new(text);
    let first = documents.next().transpose()?;
    match documents.next().transpose()? {
        None => Ok(first.unwrap_or_else(|| Node::new(node::Value::Null, Mark::START))),
        Some(second) => Err(Error::at(
            "a second YAML document; this file holds one",
            second.mark(),
        )),
    }
}
