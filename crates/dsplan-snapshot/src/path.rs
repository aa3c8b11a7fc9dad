//! A field path inside one document, kept as segments so that it can be both printed the API
//! server's way (through [`dsplan_model::FieldPath`]) and followed through the text to find a
//! line.

use dsplan_model::FieldPath;

/// One step of a [`DocPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    /// A struct field, printed as `.name`.
    Field(String),
    /// A map key, printed as `[key]`.
    Key(String),
    /// A list index, printed as `[3]`.
    Index(usize),
}

impl Seg {
    /// The mapping key this step follows, or `None` for a list index.
    pub(crate) fn key(&self) -> Option<&str> {
        match self {
            Seg::Field(name) | Seg::Key(name) => Some(name),
            Seg::Index(_) => None,
        }
    }
}

/// A path from the document root, such as `items[3].spec.taints[0].effect`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DocPath(pub(crate) Vec<Seg>);

impl DocPath {
    /// The path of item `index` of a List document, or the root for a lone object.
    pub(crate) fn object(item: Option<usize>) -> Self {
        match item {
            Some(index) => Self(vec![Seg::Field("items".into()), Seg::Index(index)]),
            None => Self::default(),
        }
    }

    /// Parses a printed path such as `spec.template.metadata.labels` or
    /// `spec.containers[0].resources.requests[cpu]`.
    pub(crate) fn parse(printed: &str) -> Self {
        let mut segs = Vec::new();
        for part in printed.split('.').filter(|p| !p.is_empty()) {
            let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
            if !name.is_empty() {
                segs.push(Seg::Field(name.to_owned()));
            }
            while let Some((inside, after)) = rest.split_once(']') {
                segs.push(match inside.parse::<usize>() {
                    Ok(index) => Seg::Index(index),
                    Err(_) => Seg::Key(inside.to_owned()),
                });
                rest = after.strip_prefix('[').unwrap_or(after);
            }
        }
        Self(segs)
    }

    /// This path followed by `other`.
    pub(crate) fn join(&self, other: &DocPath) -> Self {
        let mut segs = self.0.clone();
        segs.extend(other.0.iter().cloned());
        Self(segs)
    }

    /// The path as the API server prints it; `None` for the document root.
    pub(crate) fn printed(&self) -> Option<String> {
        if self.0.is_empty() {
            return None;
        }
        let mut path = FieldPath::root();
        for seg in &self.0 {
            path = match seg {
                Seg::Field(name) => path.field(name),
                Seg::Key(key) => path.key(key),
                Seg::Index(index) => path.index(*index),
            };
        }
        Some(path.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_it_prints() {
        for printed in [
            "items[3].spec.taints[0].effect",
            "spec.containers[0].resources.requests[cpu]",
            "spec.template.metadata.labels",
        ] {
            assert_eq!(DocPath::parse(printed).printed().as_deref(), Some(printed));
        }
        assert_eq!(DocPath::parse("").printed(), None);
    }
}
