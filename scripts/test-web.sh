#!/usr/bin/env bash
# Build and test dsplan in JavaScript: the browser/Node bindings and the playground.
#
#   scripts/test-web.sh
#
# 1. scripts/build-web.sh                  wasm/dsplan-web -> dist/{web,nodejs} and the npm package
# 2. node --test (wasm/dsplan-web/npm)     every placement conformance case through the Node build
# 3. npm ci + npm run build                examples/playground -> examples/playground/dist
# 4. node --test (examples/playground)     the built page in Debian's headless Chromium
#                                          (playwright-core); screenshots in
#                                          examples/playground/test-artifacts/
#
# Needs scripts/setup.sh's toolchain (which also installs Debian's chromium).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")

step() { printf '\n== %s\n' "$*"; }

step "build the web bindings"
"$here/build-web.sh"

step "node --test: @dsplan/web"
(cd "$repo/wasm/dsplan-web/npm" && node --test test/)

step "build the playground"
cd "$repo/examples/playground"
npm ci --no-audit --no-fund --loglevel=error
npm run build

step "node --test: the playground in headless Chromium"
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "error: chromium is missing; run scripts/setup.sh" >&2; exit 1; }
node --test tests/
