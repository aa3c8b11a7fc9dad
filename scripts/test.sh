#!/usr/bin/env bash
# Sets up everything dsplan needs (idempotent) and runs every test: formatting and lints, the
# Rust suites (unit, property, conformance through the CLI with both engines, the component
# host), the browser bindings and the playground in headless Chromium, every SDK's suite, and
# the differential comparison with upstream Kubernetes code.
# This is the README's test command; .ci/run calls it.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
# Build caches live outside the clone, so a fresh clone on a warm machine does not rebuild all.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/dsplan/target}"
export CARGO_INCREMENTAL=0
# Seeds for the differential run against upstream code; `scripts/conformance.sh 100000` is the
# long run (about 30 minutes).
CONFORMANCE_SEEDS="${CONFORMANCE_SEEDS:-500}"

started=$SECONDS
step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - started)); }

step "setup"
scripts/setup.sh

step "cargo fmt --check"
cargo fmt --all --check

step "wasm artifacts (component and core module)"
scripts/build-wasm.sh

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test"
cargo test --workspace

step "browser bindings and playground"
scripts/test-web.sh

for sdk in python js go java; do
  step "SDK: $sdk"
  "host/$sdk/test.sh"
done

step "differential conformance: oracle self-test and $CONFORMANCE_SEEDS random clusters"
(cd conformance/oracle && go test ./...)
DSPLAN_PROFILE=dev scripts/conformance.sh "$CONFORMANCE_SEEDS"

step "all tests passed"
