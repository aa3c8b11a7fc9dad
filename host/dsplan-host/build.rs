//! Embeds the current dsplan component: runs `scripts/build-wasm.sh` (the same commands a
//! release uses) into `OUT_DIR/wasm` whenever the component's sources may have changed, and
//! tells the crate where the artifacts are (`DSPLAN_WASM_DIR`).
//!
//! `DSPLAN_WASM_PREBUILT=<dir>` skips the build and embeds `<dir>/dsplan.component.wasm`
//! (plus `.wit` and `dsplan.core.wasm`) as built elsewhere by the same script.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files whose change can change the component. Directories are scanned recursively by cargo.
const INPUTS: &[&str] = &[
    "wasm",
    "crates",
    "Cargo.toml",
    "Cargo.lock",
    "scripts/build-wasm.sh",
    "scripts/env.sh",
];

/// Environment the build script reads (scripts/env.sh defaults the first two).
const ENV_INPUTS: &[&str] = &[
    "DSPLAN_TOOLS",
    "WASM_OPT",
    "DSPLAN_WASM_TARGET_DIR",
    "DSPLAN_WASM_PREBUILT",
];

fn main() -> Result<(), String> {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let repo = manifest
        .ancestors()
        .nth(2)
        .ok_or("host/dsplan-host is not inside the repository")?
        .to_path_buf();
    for var in ENV_INPUTS {
        println!("cargo:rerun-if-env-changed={var}");
    }
    let wasm_dir = match env::var_os("DSPLAN_WASM_PREBUILT") {
        Some(dir) => PathBuf::from(dir),
        None => {
            for input in INPUTS {
                println!("cargo:rerun-if-changed={}", repo.join(input).display());
            }
            let out = PathBuf::from(env::var("OUT_DIR").map_err(|e| e.to_string())?).join("wasm");
            build(&repo, &out)?;
            out
        }
    };
    for artifact in [
        "dsplan.component.wasm",
        "dsplan.component.wit",
        "dsplan.core.wasm",
    ] {
        let path = wasm_dir.join(artifact);
        if !path.is_file() {
            return Err(format!("{} is missing", path.display()));
        }
        println!("cargo:rerun-if-changed={}", path.display());
    }
    println!("cargo:rustc-env=DSPLAN_WASM_DIR={}", wasm_dir.display());
    Ok(())
}

/// Runs `scripts/build-wasm.sh --out <out>` in a clean environment: the variables cargo sets
/// for build scripts (RUSTC, RUSTFLAGS, CARGO_*, the jobserver, the rustup toolchain of this
/// build) would otherwise leak into the nested `cargo +debweb` and change what it builds.
fn build(repo: &Path, out: &Path) -> Result<(), String> {
    let mut command = Command::new("bash");
    command
        .arg(repo.join("scripts/build-wasm.sh"))
        .arg("--out")
        .arg(out)
        .current_dir(repo);
    for (key, _) in env::vars_os() {
        let key = key.to_string_lossy();
        if leaks_into_nested_cargo(&key) {
            command.env_remove(&*key);
        }
    }
    if let Some(path) = env::var_os("PATH") {
        // rustup may put this build's toolchain first on PATH; `cargo +debweb` must resolve
        // through the rustup proxy instead.
        let kept =
            env::split_paths(&path).filter(|dir| !dir.to_string_lossy().contains("/toolchains/"));
        command.env("PATH", env::join_paths(kept).map_err(|e| e.to_string())?);
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run bash scripts/build-wasm.sh: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "scripts/build-wasm.sh failed ({status}); see its output above. If the wasm toolchain \
             is missing, run scripts/setup.sh once, or set DSPLAN_WASM_PREBUILT to a directory \
             holding artifacts built by scripts/build-wasm.sh"
        ))
    }
}

fn leaks_into_nested_cargo(key: &str) -> bool {
    const KEEP: &[&str] = &[
        "CARGO_HOME",
        "CARGO_NET_",
        "CARGO_HTTP_",
        "CARGO_REGISTRIES_",
        "CARGO_TERM_",
    ];
    const DROP: &[&str] = &[
        "RUSTC",
        "RUSTDOC",
        "RUSTFLAGS",
        "RUSTUP_TOOLCHAIN",
        "TARGET",
        "HOST",
        "OUT_DIR",
        "PROFILE",
        "OPT_LEVEL",
        "DEBUG",
        "NUM_JOBS",
        "MAKEFLAGS",
        "MFLAGS",
    ];
    (key.starts_with("CARGO_") && !KEEP.iter().any(|k| key.starts_with(k)))
        || key == "CARGO"
        || key.starts_with("RUSTC_")
        || DROP.contains(&key)
}
