//! Reads the files named on the command line (or standard input for `-`). The only place the
//! CLI touches the file system.
//!
//! A regular file is mapped into memory rather than read: its pages come from the page cache
//! as the parser reaches them, with no copy and no fresh memory to fault in. For the
//! 5,000-node, 150,000-pod snapshot (1.3 GB) that is about 0.6 s less system time of a 3 s
//! plan (BENCHMARKS.md). Standard input, pipes and files that cannot be mapped are read.

use anyhow::{Context, Result};
use dsplan_engine::{Input, Role};
use memmap2::Mmap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The bytes of every input file, kept alive while the engine borrows them as text.
#[derive(Debug, Default)]
pub struct InputFiles {
    files: Vec<InputFile>,
}

#[derive(Debug)]
struct InputFile {
    name: String,
    contents: Contents,
    role: Role,
}

/// One input's bytes.
#[derive(Debug)]
enum Contents {
    /// A regular file, mapped read-only.
    Mapped(Mmap),
    /// Standard input, a pipe, or a file that cannot be mapped, read whole.
    Read(Vec<u8>),
}

impl InputFiles {
    /// Reads snapshot files, then DaemonSet files. Standard input may be named once.
    pub fn read(snapshots: &[PathBuf], daemon_sets: &[PathBuf]) -> Result<Self> {
        let mut files = Vec::new();
        let mut stdin_used = false;
        let named = snapshots
            .iter()
            .map(|p| (p, Role::Snapshot))
            .chain(daemon_sets.iter().map(|p| (p, Role::Proposed)));
        for (path, role) in named {
            let (name, contents) = read_one(path, &mut stdin_used)?;
            files.push(InputFile {
                name,
                contents,
                role,
            });
        }
        Ok(Self { files })
    }

    /// The files as engine inputs. Fails for a file that is not UTF-8 text (Kubernetes
    /// manifests and `kubectl` output are UTF-8); each call checks the whole text again, so
    /// commands call it once per set of files.
    pub fn inputs(&self) -> Result<Vec<Input<'_>>> {
        self.files
            .iter()
            .map(|file| {
                let bytes = match &file.contents {
                    Contents::Mapped(map) => &map[..],
                    Contents::Read(bytes) => &bytes[..],
                };
                let text = std::str::from_utf8(bytes)
                    .with_context(|| format!("reading {}: not UTF-8 text", file.name))?;
                Ok(Input {
                    name: &file.name,
                    text,
                    role: file.role,
                })
            })
            .collect()
    }
}

fn read_one(path: &Path, stdin_used: &mut bool) -> Result<(String, Contents)> {
    if path == Path::new("-") {
        anyhow::ensure!(!*stdin_used, "standard input (-) can be read only once");
        *stdin_used = true;
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        return Ok(("-".to_owned(), Contents::Read(bytes)));
    }
    let name = path.display().to_string();
    let mut file = File::open(path).with_context(|| format!("reading {name}"))?;
    let is_regular = file
        .metadata()
        .with_context(|| format!("reading {name}"))?
        .is_file();
    if let Some(map) = is_regular.then(|| map(&file)).flatten() {
        return Ok((name, Contents::Mapped(map)));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .with_context(|| format!("reading {name}"))?;
    Ok((name, Contents::Read(bytes)))
}

/// Maps `file` read-only, or `None` where the system cannot (an empty file, some file
/// systems); the caller then reads it.
#[expect(
    unsafe_code,
    reason = "memmap2 requires unsafe: the mapping shows later changes to the file"
)]
fn map(file: &File) -> Option<Mmap> {
    // SAFETY: the map is only read. Another process truncating or rewriting the file while
    // dsplan runs would change (or, truncated, fault) the text under the parser: the same
    // trade-off ripgrep makes for its inputs; a snapshot being rewritten during a run gives
    // no meaningful answer read either way.
    unsafe { Mmap::map(file) }.ok()
}
