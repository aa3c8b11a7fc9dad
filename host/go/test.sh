#!/usr/bin/env bash
# Runs the Go SDK's tests. Modules come from the Go proxy (cached after the first run); the module
# is ../../dist/dsplan.core.wasm (scripts/build-wasm.sh) unless $DSPLAN_WASM names another.
set -euo pipefail
cd "$(dirname "$0")"
go mod download
go vet ./...
go test -count=1 ./... "$@"
