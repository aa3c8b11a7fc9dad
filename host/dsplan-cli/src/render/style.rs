//! Terminal colour, used only when standard output is a terminal and `NO_COLOR` is unset.

use std::io::IsTerminal;

/// A colour for a table cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Dim,
    Bold,
}

/// Applies colours, or not.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    enabled: bool,
}

impl Style {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    pub fn detect() -> Self {
        Self {
            enabled: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// No colour at all.
    #[cfg(test)]
    pub fn plain() -> Self {
        Self { enabled: false }
    }

    /// `text` in `tone`, padded to `width` characters before colouring so columns line up.
    pub fn paint(&self, tone: Tone, text: &str, width: usize) -> String {
        let padded = format!("{text:<width$}");
        if !self.enabled {
            return padded;
        }
        let code = match tone {
            Tone::Good => "32",
            Tone::Warn => "33",
            Tone::Bad => "31",
            Tone::Dim => "2",
            Tone::Bold => "1",
        };
        format!("\x1b[{code}m{padded}\x1b[0m")
    }
}
