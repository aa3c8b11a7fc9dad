//! The error every front end reports for input it cannot use: it names the file, the document,
//! the object and the field.

use std::fmt;

/// Input dsplan cannot use, located as precisely as the input allows.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
pub struct InputError {
    /// File name as the user gave it (`-` for standard input).
    pub file: String,
    /// Index of the YAML document in the file (0 for JSON), when the error is inside one.
    pub document: Option<usize>,
    /// The object, as `Kind namespace/name` or `Kind name`, when known.
    pub object: Option<String>,
    /// Field path inside the document, for example `items[3].spec.taints[0].effect`.
    pub path: Option<String>,
    /// 1-based line in the file, where known.
    pub line: Option<usize>,
    /// 1-based column in the file, where known.
    pub column: Option<usize>,
    /// What is wrong, in the API server's words where it has some.
    pub message: String,
}

impl fmt::Display for InputError {
    /// `file:line:column: document 1: DaemonSet kube-system/x: spec.selector: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(document) = self.document {
            write!(f, ": document {document}")?;
        }
        if let Some(object) = &self.object {
            write!(f, ": {object}")?;
        }
        if let Some(path) = &self.path {
            write!(f, ": {path}")?;
        }
        write!(f, ": {}", self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_file_document_object_and_field() {
        let error = InputError {
            file: "nodes.yaml".into(),
            document: Some(2),
            object: Some("Node worker-3".into()),
            path: Some("spec.taints[0].effect".into()),
            line: Some(41),
            column: Some(15),
            message: "Unsupported value: \"NoScheduel\"".into(),
        };
        assert_eq!(
            error.to_string(),
            "nodes.yaml:41:15: document 2: Node worker-3: spec.taints[0].effect: Unsupported value: \"NoScheduel\""
        );
    }
}
