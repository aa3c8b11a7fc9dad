#!/usr/bin/env bash
# Sets up everything dsplan needs (idempotent) and runs every test: formatting, lints, the Rust
# suites (unit, property, conformance through the CLI), the Wasm builds and every SDK's suite.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
# Build caches live outside the clone, so a fresh clone on a warm machine does not rebuild all.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dsplan/target}"
export CARGO_INCREMENTAL=0

step() { printf '\n== %s\n' "$*"; }

step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test"
cargo test --workspace
