#!/usr/bin/env bash
# Build dsplan's WebAssembly artifacts.
#
#   scripts/build-wasm.sh               build into dist/
#   scripts/build-wasm.sh --out DIR     build into DIR (host/dsplan-host's build.rs uses this)
#
# Outputs:
#   dsplan.component.wasm   the component (world dsplan:planner/dsplan@0.2.0, no imports)
#   dsplan.component.wit    its WIT, as `wasm-tools component wit` prints it
#   dsplan.core.wasm        the core module with the JSON ABI of wasm/ABI.md
#
# Needs the toolchain of scripts/setup.sh (debweb rustc with rust-src, wasm-tools, npm
# wasm-opt). Every build runs the same commands with the same environment (trap T3), from
# Cargo.lock (--locked), with source paths remapped, so the artifacts do not depend on where
# the repository or the cargo home lives.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
# shellcheck source=scripts/env.sh
. "$here/env.sh"

out=$repo/dist
case "${1:-}" in
  "") ;;
  --out) out=${2:?--out needs a directory} ;;
  -h | --help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--out DIR]" >&2; exit 2 ;;
esac

missing() { echo "error: $1 is missing; run scripts/setup.sh once" >&2; exit 1; }
rustc +debweb --version >/dev/null 2>&1 || missing "the rustup toolchain 'debweb' (Debian rustc-web)"
[ -d /usr/lib/rustlib/src/rust/library ] || missing "rust-web-src (std sources for -Zbuild-std)"
[ "$(wasm-tools --version 2>/dev/null | awk '{print $2}')" = "$DSPLAN_WASM_TOOLS_VERSION" ] ||
  missing "wasm-tools $DSPLAN_WASM_TOOLS_VERSION"
[ -x "$WASM_OPT" ] || missing "npm binaryen's wasm-opt ($WASM_OPT)"

# A target directory of its own, outside the clone: the same std build is reused by every run
# and every clone (sources are remapped, so artifacts do not depend on the clone's path), and a
# cargo running this script from a build script does not wait on its own lock.
export CARGO_TARGET_DIR=${DSPLAN_WASM_TARGET_DIR:-$HOME/.cache/dsplan/wasm-target}
cargo_home=${CARGO_HOME:-$HOME/.cargo}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$repo=/dsplan --remap-path-prefix=$cargo_home=/cargo"
start=$SECONDS
(
  cd "$repo"
  RUSTC_BOOTSTRAP=1 cargo +debweb build --locked --quiet \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --profile wasm \
    -p dsplan-component -p dsplan-abi
)
built=$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm
compiled=$((SECONDS - start))

mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# wasm-opt works on core modules only, so the component's core module is optimised before
# `component new` (trap T6: npm binaryen, never Debian's). It takes minutes on these modules,
# so its output is cached by the hash of its input and flags (it is deterministic).
opt_cache=$CARGO_TARGET_DIR/wasm-opt-cache
mkdir -p "$opt_cache"
optimise() { # optimise IN OUT FLAGS...
  local in=$1 out=$2 key
  shift 2
  key=$( (sha256sum <"$in" && echo "$DSPLAN_BINARYEN_VERSION $*") | sha256sum | cut -c1-64)
  if [ ! -f "$opt_cache/$key.wasm" ]; then
    "$WASM_OPT" "$@" "$in" -o "$opt_cache/$key.tmp.$$"
    mv "$opt_cache/$key.tmp.$$" "$opt_cache/$key.wasm"
  fi
  cp "$opt_cache/$key.wasm" "$out"
}
optimise "$built/dsplan_component.wasm" "$tmp/component-core.wasm" -Oz --strip-debug
wasm-tools component new "$tmp/component-core.wasm" -o "$tmp/dsplan.component.wasm"
optimise "$built/dsplan_abi.wasm" "$tmp/dsplan.core.wasm" -Oz --strip-debug --strip-producers
wasm-tools validate "$tmp/dsplan.component.wasm"
wasm-tools validate "$tmp/dsplan.core.wasm"
wasm-tools component wit "$tmp/dsplan.component.wasm" >"$tmp/dsplan.component.wit"
for f in dsplan.component.wasm dsplan.component.wit dsplan.core.wasm; do
  # Replace only when the bytes changed, so dependants keyed on mtime do not rebuild.
  cmp -s "$tmp/$f" "$out/$f" 2>/dev/null || cp "$tmp/$f" "$out/$f"
done

echo "dsplan wasm artifacts in $out (cargo $((compiled / 60))m$((compiled % 60))s, total $((SECONDS - start))s):"
for f in dsplan.component.wasm dsplan.core.wasm; do
  printf '  %-22s %9d bytes raw %9d bytes gzip -9\n' "$f" \
    "$(wc -c <"$out/$f")" "$(gzip -9n <"$out/$f" | wc -c)"
done
