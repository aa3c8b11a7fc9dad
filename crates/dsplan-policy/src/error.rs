//! The error for a policy file dsplan cannot use: file, field path, line and what is wrong.

use std::fmt;

use dsplan_model::InputError;

/// A policy file that does not parse or does not validate. The CLI exits 2 on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PolicyError {
    /// The file name as the user gave it.
    pub file: String,
    /// Field path in the policy, for example `spec.rules[2].severity`.
    pub path: Option<String>,
    /// 1-based line, where the parser knows it.
    pub line: Option<usize>,
    /// 1-based column, where the parser knows it.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl PolicyError {
    /// An error at a field path, without a line.
    pub(crate) fn at(file: &str, path: String, message: String) -> Self {
        Self {
            file: file.to_owned(),
            path: Some(path),
            line: None,
            column: None,
            message,
        }
    }
}

impl fmt::Display for PolicyError {
    /// `policy.yaml:12:7: spec.rules[2].severity: unknown variant ...`, the same shape as
    /// [`InputError`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        InputError::from(self.clone()).fmt(f)
    }
}

impl From<PolicyError> for InputError {
    fn from(error: PolicyError) -> Self {
        InputError {
            file: error.file,
            document: None,
            object: None,
            path: error.path,
            line: error.line,
            column: error.column,
            message: error.message,
        }
    }
}
