//! Reads the files named on the command line (or standard input for `-`). The only place the
//! CLI touches the file system.

use anyhow::{Context, Result};
use dsplan_engine::{Input, Role};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The text of every input file, kept alive while the engine borrows it.
#[derive(Debug, Default)]
pub struct InputFiles {
    files: Vec<(String, String, Role)>,
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
            let (name, text) = read_one(path, &mut stdin_used)?;
            files.push((name, text, role));
        }
        Ok(Self { files })
    }

    /// The files as engine inputs.
    pub fn inputs(&self) -> Vec<Input<'_>> {
        self.files
            .iter()
            .map(|(name, text, role)| Input {
                name,
                text,
                role: *role,
            })
            .collect()
    }
}

fn read_one(path: &Path, stdin_used: &mut bool) -> Result<(String, String)> {
    if path == Path::new("-") {
        anyhow::ensure!(!*stdin_used, "standard input (-) can be read only once");
        *stdin_used = true;
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading standard input")?;
        return Ok(("-".to_owned(), text));
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok((path.display().to_string(), text))
}
