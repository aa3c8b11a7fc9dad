#!/usr/bin/env bash
# Install the toolchain dsplan needs to build its wasm artifacts.
#
#   scripts/setup.sh           install whatever is missing or at the wrong version
#   scripts/setup.sh --check   only report; exit 1 if anything is missing
#
# Idempotent: every step checks the installed version first, so a second run
# takes about a second. Pinned versions live in scripts/env.sh, which callers
# source afterwards to get PATH, DSPLAN_TOOLS, WASM_OPT and the wasm linker.
#
# Steps:
#   1. apt: rustc-web cargo-web rust-web-src rust-web-llvm lld-22
#      (Debian's rustc 1.96 with rust-src, used for -Zbuild-std; `apt-get update`
#      runs only when something is missing)
#   2. rustup toolchain `debweb` -> /usr
#   3. cargo install into $DSPLAN_TOOLS: wasm-tools, wasm-bindgen-cli
#   4. npm binaryen into $DSPLAN_TOOLS/npm; wasm-opt is $WASM_OPT
#      (Debian's binaryen 108 breaks wasm-bindgen output: trap T6)
#   5. apt: chromium (headless browser for scripts/test-web.sh)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
# shellcheck source=scripts/env.sh
. "$here/env.sh"
TOOLS=$DSPLAN_TOOLS

check_only=0
case "${1:-}" in
  "") ;;
  --check) check_only=1 ;;
  -h | --help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

APT_PKGS=(rustc-web cargo-web rust-web-src rust-web-llvm lld-22)
WASM_TOOLS_FEATURES=component,validate,print,strip,objdump,metadata

start=$SECONDS
missing=()
summary=()

ok() { printf 'ok: %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
took() { local s=$((SECONDS - $1)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }
need() { # returns 0 = "skip it" in --check mode (after recording), 1 = "install it"
  if [ "$check_only" = 1 ]; then
    printf 'missing: %s\n' "$*"
    missing+=("$*")
    return 0
  fi
  printf 'installing: %s\n' "$*"
  return 1
}
quietly() { # run a noisy command; show its output only if it fails
  local log rc=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || rc=$?
  [ "$rc" = 0 ] || { cat "$log" >&2; rm -f "$log"; fail "exit $rc: $*"; }
  rm -f "$log"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else fail "need root (or sudo) for: $*"
  fi
}

# Run cargo from a neutral directory so a rust-toolchain file in the caller's
# cwd cannot change which compiler builds the tools.
cargo_install() { mkdir -p "$TOOLS" && (cd "$TOOLS" && cargo install --quiet --root "$TOOLS" "$@"); }

installed_version() { # first "x.y.z" printed by `$1 --version`, or empty
  [ -x "$1" ] || return 0
  "$1" --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -n1 || true
}

# --- 0. the wasm-bindgen pin must match the workspace ------------------------
if [ -f "$repo/Cargo.lock" ]; then
  locked=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$repo/Cargo.lock")
  if [ -n "$locked" ] && [ "$locked" != "$DSPLAN_WASM_BINDGEN_VERSION" ]; then
    fail "Cargo.lock has wasm-bindgen $locked but scripts/env.sh pins $DSPLAN_WASM_BINDGEN_VERSION; make them equal"
  fi
fi

# --- 1. apt packages ----------------------------------------------------------
pkgs=("${APT_PKGS[@]}")
command -v npm >/dev/null || pkgs+=(nodejs npm) # preinstalled on our machines; a bare one gets Debian's
absent=()
for p in "${pkgs[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" = "ii " ] || absent+=("$p")
done
if [ ${#absent[@]} = 0 ]; then
  ok "apt ${APT_PKGS[*]} (cached)"
elif ! need "apt ${absent[*]}"; then
  t=$SECONDS
  quietly as_root apt-get update -qq
  quietly as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends "${absent[@]}"
  ok "apt ${absent[*]} (installed in $(took $t))"
fi
rustc_web=$(dpkg-query -W -f='${Version}' rustc-web 2>/dev/null || true)
lld_ver=$(dpkg-query -W -f='${Version}' lld-22 2>/dev/null || true)
summary+=("rustc-web        ${rustc_web:-MISSING}")
summary+=("lld-22           ${lld_ver:-MISSING}   $CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER")

# --- 2. rustup toolchain `debweb` ----------------------------------------------
command -v rustup >/dev/null || fail "rustup not found (the native stable toolchain comes from rustup)"
if rustup toolchain list | grep -q '^debweb'; then
  ok "rustup toolchain debweb (cached)"
elif ! need "rustup toolchain debweb"; then
  rustup toolchain link debweb /usr
  ok "rustup toolchain debweb -> /usr (linked)"
fi
debweb=$(rustc +debweb --version 2>/dev/null || echo MISSING)
summary+=("rustc +debweb    $debweb")

# --- 3. cargo-installed CLIs --------------------------------------------------
have=$(installed_version "$TOOLS/bin/wasm-tools")
if [ "$have" = "$DSPLAN_WASM_TOOLS_VERSION" ]; then
  ok "wasm-tools $have (cached)"
elif ! need "wasm-tools $DSPLAN_WASM_TOOLS_VERSION (have: ${have:-none})"; then
  t=$SECONDS
  cargo_install --force wasm-tools --version "$DSPLAN_WASM_TOOLS_VERSION" --locked \
    --no-default-features --features "$WASM_TOOLS_FEATURES"
  have=$(installed_version "$TOOLS/bin/wasm-tools")
  [ "$have" = "$DSPLAN_WASM_TOOLS_VERSION" ] || fail "wasm-tools reports ${have:-nothing} after install"
  ok "wasm-tools $have (installed in $(took $t))"
fi
summary+=("wasm-tools       ${have:-MISSING}   $TOOLS/bin/wasm-tools")

have=$(installed_version "$TOOLS/bin/wasm-bindgen")
if [ "$have" = "$DSPLAN_WASM_BINDGEN_VERSION" ]; then
  ok "wasm-bindgen-cli $have (cached)"
elif ! need "wasm-bindgen-cli $DSPLAN_WASM_BINDGEN_VERSION (have: ${have:-none})"; then
  t=$SECONDS
  # No --locked: its lockfile pins webpki-roots 1.0.11, which the registry lacks (trap T5).
  cargo_install --force wasm-bindgen-cli --version "$DSPLAN_WASM_BINDGEN_VERSION"
  have=$(installed_version "$TOOLS/bin/wasm-bindgen")
  [ "$have" = "$DSPLAN_WASM_BINDGEN_VERSION" ] || fail "wasm-bindgen reports ${have:-nothing} after install"
  ok "wasm-bindgen-cli $have (installed in $(took $t))"
fi
summary+=("wasm-bindgen     ${have:-MISSING}   $TOOLS/bin/wasm-bindgen")

# --- 4. npm binaryen (wasm-opt) -----------------------------------------------
pj="$TOOLS/npm/node_modules/binaryen/package.json"
binaryen_version() { [ -f "$pj" ] && sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$pj" | head -n1 || true; }
have=$(binaryen_version)
if [ "$have" = "$DSPLAN_BINARYEN_VERSION" ] && [ -x "$TOOLS/npm/node_modules/.bin/wasm-opt" ]; then
  ok "binaryen $have (cached)"
elif ! need "npm binaryen $DSPLAN_BINARYEN_VERSION (have: ${have:-none})"; then
  t=$SECONDS
  mkdir -p "$TOOLS/npm"
  quietly npm install --prefix "$TOOLS/npm" --no-audit --no-fund --loglevel=error --save-exact \
    "binaryen@$DSPLAN_BINARYEN_VERSION"
  have=$(binaryen_version)
  [ "$have" = "$DSPLAN_BINARYEN_VERSION" ] || fail "npm binaryen is ${have:-missing} after install"
  ok "binaryen $have (installed in $(took $t))"
fi
summary+=("binaryen         ${have:-MISSING}   WASM_OPT=$TOOLS/npm/node_modules/.bin/wasm-opt")

# --- 5. Debian chromium (the playground's browser tests, scripts/test-web.sh) -------
if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' chromium 2>/dev/null)" = "ii " ]; then
  ok "apt chromium (cached)"
elif ! need "apt chromium"; then
  t=$SECONDS
  quietly as_root apt-get update -qq
  quietly as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium
  ok "apt chromium (installed in $(took $t))"
fi
summary+=("chromium         $(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo MISSING)   /usr/bin/chromium")

# --- summary ------------------------------------------------------------------
echo "---"
printf '  %s\n' "${summary[@]}"
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup --check: ${#missing[@]} missing; run scripts/setup.sh" >&2
  exit 1
fi
echo "setup done in $(took $start). Use it with:  . scripts/env.sh"
