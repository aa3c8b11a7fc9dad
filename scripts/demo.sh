#!/usr/bin/env bash
# Sets up what dsplan needs (idempotent), builds the CLI and plans the fluentd DaemonSet on the
# example kubeadm cluster. This is the README's "run the main job" command.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
cargo build --release --quiet --bin dsplan
exec target/release/dsplan plan \
  --snapshot examples/clusters/kubeadm.yaml \
  --daemonset examples/daemonsets/fluentd-elasticsearch.yaml "$@"
