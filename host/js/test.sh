#!/usr/bin/env bash
# Runs the Node SDK's tests. The SDK has no dependencies, so there is nothing to install.
set -euo pipefail
cd "$(dirname "$0")"
exec node --test test/
