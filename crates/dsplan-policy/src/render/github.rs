//! `-o github`: GitHub Actions workflow commands, one annotation per finding
//! (`::error file=F,line=L,title=T::message`), then notes as `::notice`.

use crate::finding::CheckReport;

/// Annotations for a GitHub Actions log.
pub fn render_github(report: &CheckReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let mut props = Vec::new();
        if let Some(location) = &f.location {
            props.push(format!("file={}", property(&location.file)));
            if let Some(line) = location.line {
                props.push(format!("line={line}"));
            }
        }
        let subject = f
            .daemon_set
            .as_ref()
            .map_or_else(|| "family".to_owned(), ToString::to_string);
        props.push(format!(
            "title={}",
            property(&format!("{} {subject}", f.rule))
        ));
        out.push_str(&format!(
            "::{} {}::{}\n",
            f.severity.as_str(),
            props.join(","),
            data(&format!("{}. Fix: {}", f.message, f.fix))
        ));
    }
    for note in &report.notes {
        out.push_str(&format!("::notice::{}\n", data(note)));
    }
    out
}

/// Escapes a workflow-command message (`%`, CR, LF), as `@actions/core` `escapeData` does.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property: the message escapes plus `:` and `,`
/// (`@actions/core` `escapeProperty`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
