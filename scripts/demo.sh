#!/usr/bin/env bash
# Sets up what dsplan needs (idempotent), builds the CLI and plans a node-exporter DaemonSet on
# the example mixed linux/windows, amd64/arm64 cluster. The README's "run the main job" command.
# Extra arguments go to `dsplan plan` (for example `-o json`).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
cargo build --release --quiet --bin dsplan
exec target/release/dsplan plan \
  --snapshot examples/clusters/mixed-os-arch.yaml \
  --daemonset examples/daemonsets/node-exporter.yaml "$@"
