//! Report formats for [`crate::CheckReport`]: pure functions from the report to the text
//! `dsplan check -o FORMAT` prints.

mod github;
mod json;
mod junit;
mod sarif;
mod text;

pub use github::render_github;
pub use json::render_json;
pub use junit::render_junit;
pub use sarif::render_sarif;
pub use text::render_text;

use crate::finding::CheckReport;

/// An output format of `dsplan check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `text`: for people, grouped by DaemonSet.
    Text,
    /// `json`: the [`CheckReport`] as JSON.
    Json,
    /// `junit`: JUnit XML, one test case per rule × DaemonSet.
    Junit,
    /// `sarif`: SARIF 2.1.0, for code scanning.
    Sarif,
    /// `github`: GitHub Actions workflow commands (`::error file=…::…`).
    Github,
}

impl Format {
    /// The names `-o` accepts, in order.
    pub const NAMES: [&'static str; 5] = ["text", "json", "junit", "sarif", "github"];
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "junit" => Ok(Format::Junit),
            "sarif" => Ok(Format::Sarif),
            "github" => Ok(Format::Github),
            other => Err(format!(
                "unknown output format {other:?}: expected one of {}",
                Format::NAMES.join(", ")
            )),
        }
    }
}

/// Renders `report` in `format`.
pub fn render(report: &CheckReport, format: Format) -> String {
    match format {
        Format::Text => render_text(report),
        Format::Json => render_json(report),
        Format::Junit => render_junit(report),
        Format::Sarif => render_sarif(report),
        Format::Github => render_github(report),
    }
}
