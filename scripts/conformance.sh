#!/usr/bin/env bash
# Differential conformance: random clusters and DaemonSets planned by dsplan and by upstream
# Kubernetes code (conformance/oracle, Go). Usage: scripts/conformance.sh [SEEDS] [FIRST_SEED]
# Exits 1 on the first disagreement, after writing the shrunk case to
# conformance/disagreements/<seed>.json. See conformance/CONFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS="${1:-5000}"
FIRST="${2:-1}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/dsplan"
ORACLE="$CACHE/oracle/oracle"
mkdir -p "$CACHE/oracle"

# go build is incremental through GOCACHE (~/.cache/go-build): a few seconds once warm.
echo "== go build conformance/oracle"
(cd conformance/oracle && go build -o "$ORACLE" .)

# DSPLAN_PROFILE=dev reuses the debug build `cargo test` made (scripts/test.sh does so, to spare
# CI a release build of wasmtime); the long runs keep the release default.
PROFILE="${DSPLAN_PROFILE:-release}"
echo "== cargo build --profile $PROFILE --bin dsplan"
cargo build --profile "$PROFILE" --quiet --bin dsplan
case "$PROFILE" in dev) dir=debug ;; *) dir=$PROFILE ;; esac
DSPLAN="${CARGO_TARGET_DIR:-target}/$dir/dsplan"

echo "== compare $SEEDS seeds from $FIRST"
"$ORACLE" compare --dsplan "$DSPLAN" --seeds "$SEEDS" --first-seed "$FIRST" --out conformance/disagreements
