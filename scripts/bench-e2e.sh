#!/usr/bin/env bash
# Whole-process comparison on generated cluster snapshots (30 pods per node, 20 proposed
# DaemonSets), side by side in one run:
#   floor   dsplan-parse-floor: read the file, serde_json into IgnoredAny (the bare-parse floor)
#   native  dsplan plan --snapshot S --daemonset D -o json
#   wasm    the same through the component (--engine wasm), when the CLI has that flag
# Times with hyperfine when installed (else a loop with /usr/bin/time); peak RSS with
# /usr/bin/time (maximum resident set size). Writes bench/runs/<UTC date>/summary.md and raw.csv.
#
# Usage: scripts/bench-e2e.sh [NODES...]      (default: 10 100 1000 5000)
# Environment: RUNS (timed runs per command, default 5), SEED (default 1),
#              BENCH_DATA (where generated inputs are cached, default target/bench-data).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100 1000 5000)
runs=${RUNS:-5}
seed=${SEED:-1}
data=${BENCH_DATA:-target/bench-data}
out="bench/runs/$(date -u +%Y-%m-%d)"
mkdir -p "$data" "$out"

if [ ! -x /usr/bin/time ]; then
    echo "bench-e2e: installing GNU time for peak RSS" >&2
    apt-get install -y time >/dev/null
fi

cargo build --release --quiet -p dsplan-gen -p dsplan-cli --bins
bin=target/release
dsplan=$bin/dsplan

engines=(native)
if "$dsplan" plan --help | grep -q -- --engine; then
    engines+=(wasm)
fi

daemonsets="$data/daemonsets-20-seed$seed.json"
[ -s "$daemonsets" ] || "$bin/dsplan-gen" --daemonsets "$daemonsets" --format json

raw="$out/raw.csv"
echo "nodes,pods,input_bytes,command,runs,median_s,mean_s,stddev_s,min_s,max_s,peak_rss_kb" >"$raw"

# command_line NAME SNAPSHOT -> the command as an argument list on stdout, one per line
command_line() {
    case "$1" in
        floor) printf '%s\n' "$bin/dsplan-parse-floor" "$2" ;;
        native) printf '%s\n' "$dsplan" plan --snapshot "$2" --daemonset "$daemonsets" -o json ;;
        wasm) printf '%s\n' "$dsplan" plan --engine wasm --snapshot "$2" --daemonset "$daemonsets" -o json ;;
    esac
}

for nodes in "${sizes[@]}"; do
    snapshot="$data/snapshot-$nodes-seed$seed.json"
    if [ ! -s "$snapshot" ]; then
        echo "bench-e2e: generating $nodes nodes" >&2
        "$bin/dsplan-gen" --nodes "$nodes" --pods-per-node 30 --seed "$seed" --format json --out "$snapshot"
    fi
    bytes=$(stat -c %s "$snapshot")
    names=(floor "${engines[@]}")

    # Every command must produce its answer before it is timed: a plan that fails fast on bad
    # input would otherwise look fast. The planner exits non-zero when a DaemonSet cannot run
    # everywhere it should, so success is judged by the JSON report, not the exit code.
    for name in "${engines[@]}"; do
        mapfile -t cmd < <(command_line "$name" "$snapshot")
        "${cmd[@]}" >"$data/report-$name-$nodes.json" 2>"$data/report-$name-$nodes.err" || true
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert "daemonSets" in r, list(r)' \
            "$data/report-$name-$nodes.json" || {
            echo "bench-e2e: $name did not produce a plan for $nodes nodes:" >&2
            head -c 2000 "$data/report-$name-$nodes.err" >&2
            exit 1
        }
    done

    declare -A rss=()
    for name in "${names[@]}"; do
        mapfile -t cmd < <(command_line "$name" "$snapshot")
        # %M is the "Maximum resident set size" of `time -v`, in KiB.
        /usr/bin/time -f '%M' -o "$data/rss.txt" "${cmd[@]}" >/dev/null 2>&1 || true
        rss[$name]=$(tail -n 1 "$data/rss.txt")
    done

    json="$data/hyperfine-$nodes.json"
    if command -v hyperfine >/dev/null; then
        args=()
        for name in "${names[@]}"; do
            mapfile -t cmd < <(command_line "$name" "$snapshot")
            args+=(--command-name "$name" "${cmd[*]}")
        done
        hyperfine --shell=none --ignore-failure --warmup 1 --runs "$runs" --style basic \
            --export-json "$json" "${args[@]}" >&2
    else
        echo "bench-e2e: hyperfine not found, timing with /usr/bin/time" >&2
        times="$data/times-$nodes.txt"
        : >"$times"
        for name in "${names[@]}"; do
            mapfile -t cmd < <(command_line "$name" "$snapshot")
            "${cmd[@]}" >/dev/null 2>&1 || true # warm-up
            for _ in $(seq "$runs"); do
                /usr/bin/time -f "$name %e" -a -o "$times" "${cmd[@]}" >/dev/null 2>&1 || true
            done
        done
        python3 - "$times" "$json" <<'PY'
import json, statistics, sys
times = {}
for line in open(sys.argv[1]):
    name, seconds = line.split()
    times.setdefault(name, []).append(float(seconds))
results = [{"command": n, "times": t, "mean": statistics.mean(t),
            "stddev": statistics.stdev(t) if len(t) > 1 else 0} for n, t in times.items()]
json.dump({"results": results}, open(sys.argv[2], "w"))
PY
    fi

    rss_list=""
    for name in "${names[@]}"; do rss_list+="$name=${rss[$name]} "; done
    python3 - "$json" "$raw" "$nodes" "$bytes" "$rss_list" <<'PY'
import json, statistics, sys
path, raw, nodes, size, rss_list = sys.argv[1:6]
rss = dict(item.split("=", 1) for item in rss_list.split())
with open(path) as f:
    results = json.load(f)["results"]
with open(raw, "a") as out:
    for r in results:
        name = r["command"]
        times = r["times"]
        out.write(",".join(str(x) for x in [
            nodes, int(nodes) * 30, size, name, len(times), statistics.median(times),
            r["mean"], r.get("stddev") or 0, min(times), max(times), rss.get(name, ""),
        ]) + "\n")
PY
    unset rss
done

python3 - "$raw" "$out/summary.md" "${engines[*]}" <<'PY'
import csv, os, platform, subprocess, sys
raw, summary, engines = sys.argv[1], sys.argv[2], sys.argv[3].split()
rows = list(csv.DictReader(open(raw)))
by = {}
for r in rows:
    by.setdefault(r["nodes"], {})[r["command"]] = r
load = open("/proc/loadavg").read().split()[:3]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
lines = [
    "# Whole-process benchmark",
    "",
    f"`scripts/bench-e2e.sh`, {os.cpu_count()} CPUs ({cpu}), load average before the summary {' '.join(load)}.",
    "Medians of hyperfine runs (one warm-up). Input: generated snapshot (`dsplan-gen`, seed 1, 30 pods",
    "per node) plus 20 proposed DaemonSets. RSS is the maximum resident set size (`/usr/bin/time`).",
    "",
    "| nodes | pods | input MB | floor s | " + " | ".join(f"{e} s | {e}/floor | {e} RSS MB | RSS/input" for e in engines) + " |",
    "|" + "---|" * (4 + 4 * len(engines)),
]
for nodes in sorted(by, key=int):
    cmds = by[nodes]
    floor = float(cmds["floor"]["median_s"])
    size = int(cmds["floor"]["input_bytes"])
    cells = [nodes, cmds["floor"]["pods"], f"{size / 1e6:.1f}", f"{floor:.3f}"]
    for e in engines:
        r = cmds.get(e)
        if r is None:
            cells += ["-"] * 4
            continue
        t = float(r["median_s"])
        rss_kb = int(r["peak_rss_kb"] or 0)
        cells += [f"{t:.3f}", f"{t / floor:.2f}×", f"{rss_kb / 1024:.0f}", f"{rss_kb * 1024 / size:.2f}×"]
    lines.append("| " + " | ".join(str(c) for c in cells) + " |")
lines += ["", "Raw numbers: `raw.csv` beside this file."]
open(summary, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
