//! The checks, one module per family of rules. Each turns a rule and a DaemonSet into
//! [`Issue`]s; [`crate::check`] adds the rule, DaemonSet and location.

pub(crate) mod cause;
pub(crate) mod family;
pub(crate) mod headroom;
pub(crate) mod hygiene;
pub(crate) mod overlap;
pub(crate) mod placement;
pub(crate) mod rollout;

/// One failure of a rule for one DaemonSet, before it becomes a [`crate::Finding`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Issue {
    pub(crate) nodes: Vec<String>,
    pub(crate) message: String,
    pub(crate) fix: String,
}

/// `n node` or `n nodes`.
pub(crate) fn nodes_word(n: usize) -> String {
    if n == 1 {
        "1 node".to_owned()
    } else {
        format!("{n} nodes")
    }
}

/// Up to five names, then `and N more`.
pub(crate) fn list(names: &[String]) -> String {
    const SHOWN: usize = 5;
    if names.len() <= SHOWN {
        names.join(", ")
    } else {
        format!(
            "{} and {} more",
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        )
    }
}
