//! What-if edits given as text (`--add-node FILE`, `--remove-node NAME`, `--label NODE k=v`,
//! `--taint NODE k=v:Effect`), turned into the rollout crate's typed edits.

use crate::Error;
use dsplan_rollout::WhatIf;
use dsplan_snapshot::Input;

/// Edits to apply to the snapshot before planning, in this order: add, remove, label, taint.
#[derive(Debug, Clone, Copy, Default)]
pub struct WhatIfEdits<'a> {
    /// Files whose Node objects are added to the cluster.
    pub add_nodes: &'a [Input<'a>],
    /// Names of nodes removed from the cluster (their pods stay, as when a Node is deleted).
    pub remove_nodes: &'a [String],
    /// `(node, "key=value")` labels to set.
    pub labels: &'a [(String, String)],
    /// `(node, "key[=value]:Effect")` taints to add.
    pub taints: &'a [(String, String)],
}

impl WhatIfEdits<'_> {
    /// Whether there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.add_nodes.is_empty()
            && self.remove_nodes.is_empty()
            && self.labels.is_empty()
            && self.taints.is_empty()
    }

    /// The typed edits, parsing the added nodes' files.
    pub(crate) fn resolve(&self) -> Result<Vec<WhatIf>, Error> {
        let mut edits = Vec::new();
        if !self.add_nodes.is_empty() {
            let added = dsplan_snapshot::parse(self.add_nodes)?;
            edits.extend(
                added
                    .nodes
                    .into_iter()
                    .map(|node| WhatIf::AddNode(Box::new(node.value))),
            );
        }
        edits.extend(self.remove_nodes.iter().cloned().map(WhatIf::RemoveNode));
        for (node, label) in self.labels {
            edits.push(WhatIf::set_label(node, label)?);
        }
        for (node, taint) in self.taints {
            edits.push(WhatIf::add_taint(node, taint)?);
        }
        Ok(edits)
    }
}
