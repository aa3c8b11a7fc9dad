//! The floor every whole-process benchmark is compared with: read a file and parse it as JSON
//! without building anything (`serde_json` into `IgnoredAny`).
use anyhow::Context;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .context("usage: dsplan-parse-floor FILE")?;
    let text = std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?;
    serde_json::from_str::<serde::de::IgnoredAny>(&text)
        .with_context(|| format!("parsing {path}"))?;
    Ok(())
}
