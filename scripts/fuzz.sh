#!/usr/bin/env bash
# Fuzzes dsplan's input paths with cargo-fuzz (libFuzzer + AddressSanitizer), one target at a
# time. Usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]   (default 30 s, every target)
#
# Installs the pinned cargo-fuzz into $DSPLAN_TOOLS/bin once. cargo-fuzz needs nightly rustc
# flags (-Zsanitizer, sancov); the stable toolchain accepts them with RUSTC_BOOTSTRAP=1, set here
# for the fuzz build only. Corpora are seeded from examples/ and conformance/ into
# ~/.cache/dsplan/fuzz-corpus (nothing is written into the repository except fuzz/artifacts/,
# where libFuzzer puts a crashing input). Prints executions and crashes per target; exits 1 if
# any target crashed. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET="${1:-30}"
shift || true

CARGO_FUZZ_VERSION=0.13.2
DSPLAN_TOOLS="${DSPLAN_TOOLS:-$HOME/.cache/dsplan-tools}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/dsplan"
TARGET_DIR="$CACHE/fuzz-target"
CORPUS="$CACHE/fuzz-corpus"
export PATH="$DSPLAN_TOOLS/bin:$PATH"

if [[ "$(cargo fuzz --version 2>/dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION into $DSPLAN_TOOLS/bin"
  CARGO_TARGET_DIR="$CACHE/cargo-fuzz-build" \
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --root "$DSPLAN_TOOLS"
fi

echo "== seeding corpora in $CORPUS"
python3 fuzz/seed_corpus.py . "$CORPUS"

cd fuzz
if [[ $# -gt 0 ]]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

export RUSTC_BOOTSTRAP=1
echo "== cargo fuzz build (${targets[*]})"
cargo fuzz build --target-dir "$TARGET_DIR"

summary=()
crashed=0
for target in "${targets[@]}"; do
  mkdir -p "$CORPUS/$target"
  log="$CACHE/fuzz-$target.log"
  echo "== $target: ${SECONDS_PER_TARGET}s (log: $log)"
  status=0
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: libFuzzer's default, stated.
  cargo fuzz run --target-dir "$TARGET_DIR" "$target" "$CORPUS/$target" -- \
    -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ $status -ne 0 ]]; then
    crashed=1
    artifact=$(grep -o 'Test unit written to [^ ]*' "$log" | tail -1 | sed 's/Test unit written to //')
    grep -m1 -E 'panicked at|ERROR: (libFuzzer|AddressSanitizer)' "$log" || true
    summary+=("$(printf '%-20s %12s executions  1 crash  %s' "$target" "${runs:-?}" "${artifact:-see $log}")")
  else
    summary+=("$(printf '%-20s %12s executions  0 crashes' "$target" "${runs:-?}")")
  fi
done

echo "== summary (${SECONDS_PER_TARGET}s per target; libFuzzer stops a target at its first crash)"
printf '%s\n' "${summary[@]}"
exit "$crashed"
