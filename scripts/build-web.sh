#!/usr/bin/env bash
# Build dsplan's browser/Node bindings (wasm/dsplan-web) and fill the npm package.
#
#   scripts/build-web.sh
#
# Outputs (all gitignored):
#   dist/web/      wasm-bindgen --target web    (ES module + dsplan_web_bg.wasm)
#   dist/nodejs/   wasm-bindgen --target nodejs (CommonJS + dsplan_web_bg.wasm)
#   wasm/dsplan-web/npm/{web,nodejs}/  the same files, inside the @dsplan/web package
#
# Needs the toolchain of scripts/setup.sh (debweb rustc with rust-src, wasm-bindgen-cli equal
# to the crate's pin, npm wasm-opt). Same environment on every run (trap T3), --locked, and
# source paths remapped, like scripts/build-wasm.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
# shellcheck source=scripts/env.sh
. "$here/env.sh"

case "${1:-}" in
  "") ;;
  -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0" >&2; exit 2 ;;
esac

missing() { echo "error: $1 is missing; run scripts/setup.sh once" >&2; exit 1; }
rustc +debweb --version >/dev/null 2>&1 || missing "the rustup toolchain 'debweb' (Debian rustc-web)"
[ -d /usr/lib/rustlib/src/rust/library ] || missing "rust-web-src (std sources for -Zbuild-std)"
[ -x "$WASM_OPT" ] || missing "npm binaryen's wasm-opt ($WASM_OPT)"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')
[ "$have" = "$DSPLAN_WASM_BINDGEN_VERSION" ] || missing "wasm-bindgen-cli $DSPLAN_WASM_BINDGEN_VERSION (have: ${have:-none})"
locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$repo/Cargo.lock")
[ "$locked" = "$have" ] || { echo "error: Cargo.lock has wasm-bindgen $locked, the CLI is $have" >&2; exit 1; }

# The same target directory as scripts/build-wasm.sh: one std build serves both.
export CARGO_TARGET_DIR=${DSPLAN_WASM_TARGET_DIR:-$HOME/.cache/dsplan/wasm-target}
cargo_home=${CARGO_HOME:-$HOME/.cargo}
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$repo=/dsplan --remap-path-prefix=$cargo_home=/cargo"
start=$SECONDS
(
  cd "$repo"
  RUSTC_BOOTSTRAP=1 cargo +debweb build --locked --quiet \
    --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort --profile wasm -p dsplan-web
)
built=$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm/dsplan_web.wasm
compiled=$((SECONDS - start))

npm_dir=$repo/wasm/dsplan-web/npm
# wasm-opt takes minutes on this module, and both targets get the same bytes from wasm-bindgen,
# so its output is cached by the input's hash.
opt_cache=$CARGO_TARGET_DIR/wasm-opt-cache
mkdir -p "$opt_cache"
for target in web nodejs; do
  out=$repo/dist/$target
  rm -rf "$out"
  # Types are hand-written in npm/index.d.ts (the generated ones say `any`).
  wasm-bindgen "$built" --target "$target" --no-typescript --out-dir "$out"
  key=$(sha256sum "$out/dsplan_web_bg.wasm" | cut -c1-64)
  if [ ! -f "$opt_cache/$key.wasm" ]; then
    # trap T6: npm binaryen only.
    "$WASM_OPT" -Oz --strip-debug --strip-producers "$out/dsplan_web_bg.wasm" -o "$opt_cache/$key.tmp"
    mv "$opt_cache/$key.tmp" "$opt_cache/$key.wasm"
  fi
  cp "$opt_cache/$key.wasm" "$out/dsplan_web_bg.wasm"
  rm -rf "${npm_dir:?}/$target"
  cp -r "$out" "$npm_dir/$target"
done

echo "dsplan web bindings in dist/web, dist/nodejs and $npm_dir (cargo ${compiled}s, total $((SECONDS - start))s):"
for f in web/dsplan_web_bg.wasm web/dsplan_web.js nodejs/dsplan_web.js; do
  printf '  %-24s %9d bytes raw %9d bytes gzip -9\n' "$f" \
    "$(wc -c <"$repo/dist/$f")" "$(gzip -9n <"$repo/dist/$f" | wc -c)"
done
