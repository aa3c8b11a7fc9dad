//! The floor every whole-process benchmark is compared with: read a file and parse it as JSON
//! without building anything (`serde_json` into `IgnoredAny`).
//!
//! `--mmap` maps the file instead of reading it, as the `dsplan` CLI does: the floor of the
//! parse alone, with the cost of copying the file into memory taken out on both sides.
use anyhow::Context;
use std::fs::File;

fn main() -> anyhow::Result<()> {
    let usage = "usage: dsplan-parse-floor [--mmap] FILE";
    let mut args = std::env::args().skip(1).peekable();
    let mapped = args.next_if(|a| a == "--mmap").is_some();
    let path = args.next().context(usage)?;
    anyhow::ensure!(args.next().is_none(), "{usage}");
    if mapped {
        let file = File::open(&path).with_context(|| format!("reading {path}"))?;
        let map = map(&file).with_context(|| format!("mapping {path}"))?;
        parse(
            std::str::from_utf8(&map).with_context(|| format!("reading {path}"))?,
            &path,
        )
    } else {
        parse(
            &std::fs::read_to_string(&path).with_context(|| format!("reading {path}"))?,
            &path,
        )
    }
}

fn parse(text: &str, path: &str) -> anyhow::Result<()> {
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .with_context(|| format!("parsing {path}"))?;
    Ok(())
}

#[expect(
    unsafe_code,
    reason = "memmap2 requires unsafe: the mapping shows later changes to the file"
)]
fn map(file: &File) -> std::io::Result<memmap2::Mmap> {
    // SAFETY: read only; the benchmark's input files are not changed while it runs.
    unsafe { memmap2::Mmap::map(file) }
}
