#!/usr/bin/env bash
# Differential conformance: random clusters and DaemonSets planned by dsplan and by upstream
# Kubernetes code (conformance/oracle, Go), then random DaemonSet updates rolled out by dsplan and
# by the real upstream DaemonSet controller. Usage: scripts/conformance.sh [SEEDS] [FIRST_SEED]
# (placement seeds; ROLLOUT_SEEDS, default 500, sets the rollout seeds, 0 skips them).
# Exits 1 on the first disagreement, after writing the shrunk case to
# conformance/disagreements/<seed>.json (rollout-<seed>.json). See conformance/CONFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS="${1:-5000}"
FIRST="${2:-1}"
ROLLOUT_SEEDS="${ROLLOUT_SEEDS:-500}"
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

if [ "$ROLLOUT_SEEDS" -gt 0 ]; then
  # About 2 seconds per 100 seeds once built (5 with the dev build); the full generator,
  # snapshot pods already at the new revision included (rollout disagreement R1, fixed).
  echo "== compare-rollout $ROLLOUT_SEEDS seeds from $FIRST"
  "$ORACLE" compare-rollout --dsplan "$DSPLAN" --seeds "$ROLLOUT_SEEDS" --first-seed "$FIRST" --out conformance/disagreements
fi
