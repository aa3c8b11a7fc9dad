#!/usr/bin/env bash
# Per-SDK latency of `plan` on one generated cluster snapshot (default 100 nodes, 30 pods per node,
# the generator's 20 proposed DaemonSets), one table line per SDK:
#   cold          load + compile + instantiate + first plan, in a fresh process with no compile cache
#   cold, cached  the same with the SDK's compiled-code cache already filled (where it has one)
#   steady        median of later plan calls on the same planner
# plus whole-process `dsplan plan --engine native|wasm` times on the same files for reference.
# Every SDK runs dist/dsplan.core.wasm (or $DSPLAN_WASM) through its own bench program:
#   Python host/python/examples/bench.py   Node host/js/examples/bench.js
#   Go     host/go/internal/latency         Java host/java/src/test/java/io/dsplan/Bench.java
# Writes the table to stdout and bench/runs/<UTC date>/sdk-latency.md; raw outputs go next to the
# generated inputs.
#
# Usage: scripts/bench-sdk.sh [SDK...]          (default: python node go java)
# Environment: NODES (default 100), SEED (1), RUNS (steady calls, default 9), JAVA_RUNS (3: a
#              Chicory call is slow), CLI_RUNS (5), BENCH_DATA (inputs and raw logs,
#              default target/bench-data), CARGO_TARGET_DIR, DSPLAN_WASM, DSPLAN_PYENV, BUILD
#              (0: use the dsplan and dsplan-gen binaries already built, for a busy machine).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

sdks=("$@")
[ ${#sdks[@]} -gt 0 ] || sdks=(python node go java)
nodes=${NODES:-100}
seed=${SEED:-1}
runs=${RUNS:-9}
java_runs=${JAVA_RUNS:-3}
cli_runs=${CLI_RUNS:-5}
data=$(mkdir -p "${BENCH_DATA:-target/bench-data}" && realpath "${BENCH_DATA:-target/bench-data}")
bin=${CARGO_TARGET_DIR:-target}/release
export DSPLAN_WASM
DSPLAN_WASM=$(realpath "${DSPLAN_WASM:-dist/dsplan.core.wasm}")
[ -f "$DSPLAN_WASM" ] || { echo "bench-sdk: $DSPLAN_WASM is missing; run scripts/build-wasm.sh" >&2; exit 1; }
out="bench/runs/$(date -u +%Y-%m-%d)"
mkdir -p "$out"

if [ "${BUILD:-1}" = 1 ]; then
  cargo build --release --quiet -p dsplan-cli -p dsplan-gen --bins
fi

# Same file names as scripts/bench-e2e.sh, so the two share generated inputs.
snapshot="$data/snapshot-$nodes-seed$seed.json"
daemonsets="$data/daemonsets-20-seed$seed.json"
[ -s "$daemonsets" ] || "$bin/dsplan-gen" --daemonsets "$daemonsets" --format json
if [ ! -s "$snapshot" ]; then
  echo "bench-sdk: generating $nodes nodes" >&2
  "$bin/dsplan-gen" --nodes "$nodes" --pods-per-node 30 --seed "$seed" --format json --out "$snapshot"
fi

# seconds LOG REGEX UNIT: the first group of REGEX in LOG as seconds. UNIT is s, ms, or go (a Go
# time.Duration such as 1m2.5s or 850.1ms).
seconds() {
  python3 - "$@" <<'EOF'
import re, sys
log, pattern, unit = sys.argv[1:]
m = re.search(pattern, open(log, encoding="utf-8").read())
if not m:
    sys.exit(f"bench-sdk: {log} has no line matching {pattern!r}")
value = m.group(1)
if unit == "go":
    scale = {"h": 3600, "m": 60, "s": 1, "ms": 1e-3, "µs": 1e-6, "us": 1e-6, "ns": 1e-9}
    parts = re.findall(r"([0-9.]+)(h|m(?!s)|ms|µs|us|ns|s)", value)
    print(f"{sum(float(n) * scale[u] for n, u in parts):.3f}")
else:
    print(f"{float(value) * {'s': 1, 'ms': 1e-3}[unit]:.3f}")
EOF
}

# median_wall RUNS CMD...: median wall time of CMD in seconds (stdout discarded). The planner
# exits non-zero when a DaemonSet cannot run everywhere it should, so only the report counts.
median_wall() {
  local n=$1 i start times=()
  shift
  for ((i = 0; i < n; i++)); do
    start=$(date +%s%N)
    "$@" >"$data/cli-report.json" 2>/dev/null || true
    times+=($(($(date +%s%N) - start)))
  done
  python3 -c 'import json,sys; assert "daemonSets" in json.load(open(sys.argv[1]))' "$data/cli-report.json" ||
    { echo "bench-sdk: $* produced no plan" >&2; exit 1; }
  printf '%s\n' "${times[@]}" | sort -n | awk '{t[NR]=$1} END {printf "%.3f\n", t[int((NR+1)/2)]/1e9}'
}

rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); }

for sdk in "${sdks[@]}"; do
  log="$data/sdk-$sdk-$nodes.log"
  echo "bench-sdk: $sdk" >&2
  case "$sdk" in
    python)
      venv="${DSPLAN_PYENV:-${XDG_CACHE_HOME:-$HOME/.cache}/dsplan/pyenv}"
      [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
      "$venv/bin/python" -c 'import dsplan' 2>/dev/null ||
        "$venv/bin/pip" install -q --disable-pip-version-check -e host/python
      "$venv/bin/python" host/python/examples/bench.py "$snapshot" "$daemonsets" "$runs" >"$log"
      version=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("wasmtime"))')
      row "Python" "wasmtime-py $version" \
        "$(seconds "$log" 'cold, no cache \(compile\):\s*([0-9.]+) s' s)" \
        "$(seconds "$log" 'cold, cached module:\s*([0-9.]+) s' s)" \
        "$(seconds "$log" 'steady plan_json \(median/[0-9]+\):\s*([0-9.]+) ms' ms)"
      ;;
    node)
      node host/js/examples/bench.js "$snapshot" "$daemonsets" "$runs" >"$log"
      row "Node" "V8 (Node $(node --version))" \
        "$(seconds "$log" 'cold \(compile \+ first call\):\s*([0-9.]+) s' s)" \
        "no cache" \
        "$(seconds "$log" 'steady planJson \(median/[0-9]+\):\s*([0-9.]+) ms' ms)"
      ;;
    go)
      cache=$(mktemp -d)
      (cd host/go && go run ./internal/latency -snapshot "$snapshot" -daemonsets "$daemonsets" \
        -cache "$cache" -runs "$runs") >"$log"
      (cd host/go && go run ./internal/latency -snapshot "$snapshot" -daemonsets "$daemonsets" \
        -cache "$cache" -runs 1) >"$log.cached"
      rm -rf "$cache"
      version=$(cd host/go && go list -m -f '{{.Version}}' github.com/tetratelabs/wazero)
      row "Go" "wazero $version (compiler)" \
        "$(seconds "$log" 'cold: .*, total (\S+)' go)" \
        "$(seconds "$log.cached" 'cold: .*, total (\S+)' go)" \
        "$(seconds "$log" 'steady .*median ([^,]+),' go)"
      ;;
    java)
      cp_file="$data/java-classpath.txt"
      (cd host/java && mvn -q -B -Dstyle.color=never test-compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file")
      classpath="host/java/target/test-classes:host/java/target/classes:$(cat "$cp_file")"
      # The JVM flags the tests run with (pom.xml, dsplan.jvmArgs: keeps C2 off Chicory's bytecode).
      read -ra jvm_args < <(sed -n 's:.*<dsplan.jvmArgs>\(.*\)</dsplan.jvmArgs>.*:\1:p' host/java/pom.xml |
        sed "s:\${project.basedir}:$repo/host/java:g")
      cache=$(mktemp -d)
      java "${jvm_args[@]}" -cp "$classpath" io.dsplan.Bench compiler "$snapshot" "$daemonsets" 0 \
        "$cache" >"$log"
      java "${jvm_args[@]}" -cp "$classpath" io.dsplan.Bench compiler "$snapshot" "$daemonsets" \
        "$java_runs" "$cache" >"$log.cached"
      rm -rf "$cache"
      chicory=$(sed -n 's:.*/chicory/runtime/\([^/]*\)/.*:\1:p' <<<"${classpath//:/$'\n'}" | head -1)
      java_version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p')
      row "Java" "Chicory $chicory compiler (Java $java_version)" \
        "$(seconds "$log" 'cold_s=([0-9.]+)' s)" \
        "$(seconds "$log.cached" 'cold_s=([0-9.]+)' s)" \
        "$(seconds "$log.cached" 'steady_median_s=([0-9.]+)' s)"
      ;;
    *)
      echo "bench-sdk: unknown SDK $sdk (python, node, go, java)" >&2
      exit 2
      ;;
  esac
done

dsplan="$bin/dsplan"
files=(--snapshot "$snapshot" --daemonset "$daemonsets" -o json)
"$dsplan" plan --engine wasm "${files[@]}" >/dev/null 2>&1 || true # fills its compiled-code cache
row "CLI, native engine" "\`dsplan plan --engine native\`, whole process" \
  "$(median_wall "$cli_runs" "$dsplan" plan --engine native "${files[@]}")" "no compile step" "-"
row "CLI, wasm engine" "\`dsplan plan --engine wasm\` (component on wasmtime), whole process" "-" \
  "$(median_wall "$cli_runs" "$dsplan" plan --engine wasm "${files[@]}")" "-"

{
  echo "SDK latency of \`plan\`, $nodes nodes × 30 pods ($(du -h "$snapshot" | cut -f1) JSON) + 20 proposed DaemonSets;"
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "Seconds. Steady: median of $runs calls (Java $java_runs); CLI: median of $cli_runs whole-process runs."
  echo
  echo "| SDK | runtime | cold: load, compile, instantiate, first plan | cold, compile cache filled | steady plan (median) |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$out/sdk-latency.md"
