# shellcheck shell=bash
# Source this file (do not execute it) to get the dsplan wasm toolchain on PATH:
#
#     . scripts/env.sh
#
# It only sets variables; scripts/setup.sh installs what they point at.
# Safe to source several times and under `set -u`.
#
# RUSTC_BOOTSTRAP is deliberately NOT exported here: it switches on unstable
# features for every cargo/rustc call in the shell. Build scripts set it
# themselves, for the one `cargo +debweb build -Zbuild-std` call that needs it.

# Pinned tool versions. scripts/setup.sh installs exactly these.
# DSPLAN_WASM_BINDGEN_VERSION must equal the `wasm-bindgen = "=…"` pin in Cargo.toml.
export DSPLAN_WASM_TOOLS_VERSION=1.263.0
export DSPLAN_WASM_BINDGEN_VERSION=0.2.130
export DSPLAN_BINARYEN_VERSION=130.0.0

# Where the CLIs live (outside the repo; cache this directory in CI).
export DSPLAN_TOOLS="${DSPLAN_TOOLS:-$HOME/.cache/dsplan-tools}"

# npm binaryen's wasm-opt. Debian's binaryen 108 breaks wasm-bindgen output (trap T6).
export WASM_OPT="${WASM_OPT:-$DSPLAN_TOOLS/npm/node_modules/.bin/wasm-opt}"

# Keep the wasm linker constant across every build, or std is rebuilt (trap T3).
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld

# Prepend the tool dirs once. npm's .bin comes after bin/ but before /usr/bin,
# so a Debian wasm-opt can never shadow the npm one.
for _dsplan_dir in "$DSPLAN_TOOLS/npm/node_modules/.bin" "$DSPLAN_TOOLS/bin"; do
  case ":${PATH:-}:" in
    *":$_dsplan_dir:"*) ;;
    *) PATH="$_dsplan_dir${PATH:+:$PATH}" ;;
  esac
done
unset _dsplan_dir
export PATH
