//! `namespace/name` globs that pick DaemonSets in a policy (`kube-system/*`, `*/node-exporter`).
//! `*` matches any run of characters (the `/` included), `?` one character; nothing else is
//! special.

use std::fmt;

/// A validated `namespace/name` glob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    pattern: String,
}

impl Glob {
    /// Checks that `pattern` has the `namespace/name` shape: exactly one `/`, text on both sides.
    pub fn new(pattern: &str) -> Result<Self, String> {
        match pattern.split_once('/') {
            Some((ns, name)) if !ns.is_empty() && !name.is_empty() && !name.contains('/') => {
                Ok(Self {
                    pattern: pattern.to_owned(),
                })
            }
            _ => Err(format!(
                "Invalid value: {pattern:?}: must be a namespace/name glob such as \"kube-system/*\""
            )),
        }
    }

    /// Whether the DaemonSet `namespace/name` matches.
    pub fn matches(&self, namespace: &str, name: &str) -> bool {
        let text: Vec<char> = format!("{namespace}/{name}").chars().collect();
        let pattern: Vec<char> = self.pattern.chars().collect();
        wildcard(&pattern, &text)
    }
}

impl fmt::Display for Glob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pattern)
    }
}

/// Iterative wildcard match with backtracking to the last `*`.
fn wildcard(pattern: &[char], text: &[char]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(c) if *c == '?' || *c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_namespace_and_name() {
        let glob = Glob::new("kube-system/*-agent").unwrap();
        assert!(glob.matches("kube-system", "gpu-agent"));
        assert!(!glob.matches("kube-system", "gpu-agent-2"));
        assert!(!glob.matches("default", "gpu-agent"));
        assert!(Glob::new("*/node-exporter")
            .unwrap()
            .matches("monitoring", "node-exporter"));
        assert!(Glob::new("a/b?").unwrap().matches("a", "bc"));
    }

    #[test]
    fn rejects_patterns_without_namespace() {
        assert!(Glob::new("node-exporter").is_err());
        assert!(Glob::new("/x").is_err());
        assert!(Glob::new("a/b/c").is_err());
    }
}
