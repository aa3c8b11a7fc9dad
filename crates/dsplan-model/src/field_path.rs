//! A path to one field of an input document, printed the way the Kubernetes API server prints
//! field paths (`spec.template.spec.containers[0].resources.requests[cpu]`).

use std::fmt;

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    /// A struct field, printed as `.name`.
    Field(String),
    /// A list index, printed as `[3]`.
    Index(usize),
    /// A map key, printed as `[key]`.
    Key(String),
}

/// A field path such as `nodes[3].spec.taints[0].effect`.
///
/// Paths are built by appending segments; they are cheap to clone for the short paths used in
/// error messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldPath {
    segments: Vec<Segment>,
}

impl FieldPath {
    /// The empty path (the document root).
    pub fn root() -> Self {
        Self::default()
    }

    /// Parses a dotted path such as `spec.template.spec` (no indices) into a path.
    pub fn new(dotted: &str) -> Self {
        let mut path = Self::root();
        for part in dotted.split('.').filter(|p| !p.is_empty()) {
            path = path.field(part);
        }
        path
    }

    /// This path followed by the struct field `name`.
    #[must_use]
    pub fn field(&self, name: &str) -> Self {
        self.with(Segment::Field(name.to_owned()))
    }

    /// This path followed by the list index `index`.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        self.with(Segment::Index(index))
    }

    /// This path followed by the map key `key`.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        self.with(Segment::Key(key.to_owned()))
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    fn with(&self, segment: Segment) -> Self {
        let mut segments = self.segments.clone();
        segments.push(segment);
        Self { segments }
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Field(name) if i == 0 => f.write_str(name)?,
                Segment::Field(name) => write!(f, ".{name}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => write!(f, "[{key}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_the_api_server() {
        let path = FieldPath::new("spec.template.spec")
            .field("containers")
            .index(0)
            .field("resources")
            .field("requests")
            .key("cpu");
        assert_eq!(
            path.to_string(),
            "spec.template.spec.containers[0].resources.requests[cpu]"
        );
        assert_eq!(
            FieldPath::root().index(3).field("spec").to_string(),
            "[3].spec"
        );
        assert!(FieldPath::root().is_root());
    }
}
