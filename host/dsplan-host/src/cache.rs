//! The on-disk cache of the component compiled for this machine ([`crate::Config::cache_dir`]).
//!
//! An entry is keyed by the component's bytes and by wasmtime's compatibility hash of the
//! engine (wasmtime version, compiler settings, CPU features), so a changed component or
//! engine never loads a stale entry. Entries are written to a temporary file and renamed, so
//! a concurrent reader never sees half of one.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use wasmtime::component::Component;
use wasmtime::Engine;

/// The compiled component, from `dir` when an entry exists, else compiled and stored there.
/// A cache that cannot be written is not an error: the compiled component is still returned.
pub(crate) fn load_or_compile(
    engine: &Engine,
    bytes: &[u8],
    dir: &Path,
) -> wasmtime::Result<Component> {
    let path = entry(engine, bytes, dir);
    if path.is_file() {
        if let Ok(component) = deserialize(engine, &path) {
            return Ok(component);
        }
    }
    let component = Component::new(engine, bytes)?;
    if let Ok(compiled) = component.serialize() {
        store(&path, &compiled);
    }
    Ok(component)
}

fn entry(engine: &Engine, bytes: &[u8], dir: &Path) -> PathBuf {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    engine.precompile_compatibility_hash().hash(&mut hasher);
    dir.join(format!(
        "dsplan-{:016x}-{}.cwasm",
        hasher.finish(),
        bytes.len()
    ))
}

fn store(path: &Path, compiled: &[u8]) {
    let Some(dir) = path.parent() else { return };
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(&tmp, compiled))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

#[expect(
    unsafe_code,
    reason = "wasmtime requires unsafe to load precompiled machine code"
)]
fn deserialize(engine: &Engine, path: &Path) -> wasmtime::Result<Component> {
    // SAFETY: the file is an entry this module wrote from `precompile_component` under a name
    // derived from the component and engine; wasmtime checks its header against the engine.
    // Anyone who can write the cache directory could run code as this process, exactly as with
    // wasmtime's own cache; keep `cache_dir` private to the user.
    unsafe { Component::deserialize_file(engine, path) }
}
