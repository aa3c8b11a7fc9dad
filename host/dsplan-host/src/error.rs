//! The errors a [`crate::Planner`] reports.

use dsplan_model::InputError;
use std::fmt;

/// Why the planner component could not answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input document cannot be used (the same error the native engine reports).
    #[error(transparent)]
    Input(InputError),
    /// An option is invalid; the message is the native engine's.
    #[error("{0}")]
    InvalidOption(String),
    /// The component reported an error kind this host does not know (a newer component).
    #[error("{code}: {message}")]
    Other {
        /// The component's error code.
        code: String,
        /// Its message.
        message: String,
    },
    /// The component trapped (a bug in the guest); the planner stays usable.
    #[error("the planner component trapped: {reason}")]
    Trapped {
        /// Wasmtime's description of the trap, with the guest backtrace.
        reason: String,
    },
    /// A guard rail of [`crate::Config`] stopped the call; the planner stays usable.
    #[error("{limit} limit of {max} exceeded")]
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// Its configured value.
        max: u64,
    },
    /// The component could not be compiled, loaded or instantiated.
    #[error("loading the planner component: {0}")]
    Load(String),
}

/// A guard rail of [`crate::Config`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`crate::Config::fuel`].
    Fuel,
    /// [`crate::Config::max_memory_bytes`].
    MemoryBytes,
    /// [`crate::Config::max_input_bytes`].
    InputBytes,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::Fuel => "fuel",
            Limit::MemoryBytes => "memory (bytes)",
            Limit::InputBytes => "input size (bytes)",
        })
    }
}

impl Error {
    /// A stable kebab-case code; the first two equal `dsplan_engine::Error::code`.
    pub fn code(&self) -> &str {
        match self {
            Error::Input(_) => "invalid-input",
            Error::InvalidOption(_) => "invalid-option",
            Error::Other { code, .. } => code,
            Error::Trapped { .. } => "trapped",
            Error::LimitExceeded { .. } => "limit-exceeded",
            Error::Load(_) => "load",
        }
    }

    /// A load-time failure from wasmtime.
    pub(crate) fn load(error: &wasmtime::Error) -> Self {
        Error::Load(format!("{error:#}"))
    }
}
