#!/usr/bin/env bash
# Whole-process comparison on generated cluster snapshots (30 pods per node), side by side in one
# run per size:
#   floor     dsplan-parse-floor: read the file, serde_json into IgnoredAny (the bare-parse floor)
#   floor-mmap the same over the file mapped into memory, as dsplan maps its inputs: the parse
#             alone, with copying the file into memory taken out
#   native    dsplan plan --engine native --snapshot S --daemonset DS20 -o json (20 proposed)
#   native-1  the same with 1 proposed DaemonSet: with native, shows cost in nodes x DaemonSets
#   wasm      the same as native through the embedded component (--engine wasm)
#   oracle    conformance/oracle (upstream Kubernetes Go code) on the same files
# Every command's answer is checked first (that run also gives peak RSS, from /usr/bin/time);
# then hyperfine times them (else a /usr/bin/time loop). Writes bench/runs/<UTC date>/summary.md,
# raw.csv, notes.tsv and time-vs-nodes.png, and copies the PNG to bench/time-vs-nodes.png.
#
# Usage: scripts/bench-e2e.sh [NODES...]      (default: 10 100 1000 5000)
# Environment:
#   RUNS          timed runs per command (default 5; 3 above 1,000 nodes)
#   WARMUP        hyperfine warm-up runs (default 1; 0 above 1,000 nodes, where the checking run
#                 has just read the same file)
#   SEED          dsplan-gen seed (default 1)
#   BENCH_DATA    generated inputs, reports and the oracle binary (default target/bench-data)
#   BENCH_MEM_MB  memory budget: wasm or oracle is skipped at a size where its peak RSS, scaled
#                 from the previous size by input bytes, would exceed it (default 60% of RAM)
#   BENCH_TIMEOUT seconds one wasm or oracle run may take before it is skipped (default 1800)
# Binaries come from ${CARGO_TARGET_DIR:-target}/release; Python tools from a venv in
# ~/.cache/dsplan/bench-venv (matplotlib, for the plot), created on first use.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100 1000 5000)
seed=${SEED:-1}
data=${BENCH_DATA:-target/bench-data}
timeout_s=${BENCH_TIMEOUT:-1800}
mem_budget_mb=${BENCH_MEM_MB:-$(awk '/^MemTotal:/ { printf "%d", $2 * 0.6 / 1024 }' /proc/meminfo)}
bin="${CARGO_TARGET_DIR:-target}/release"
dsplan=$bin/dsplan
venv="${XDG_CACHE_HOME:-$HOME/.cache}/dsplan/bench-venv"
matplotlib_pin="matplotlib==3.11.2"
out="bench/runs/$(date -u +%Y-%m-%d)"
mkdir -p "$data" "$out"
data_abs=$(cd "$data" && pwd)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

say() { echo "bench-e2e: $*" >&2; }

# apt_install PACKAGE: installs a Debian package, refreshing the package lists once if needed.
apt_install() {
    apt-get install -y -qq "$1" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$1" >/dev/null 2>&1; }
}

if [ ! -x /usr/bin/time ]; then
    say "installing GNU time for peak RSS"
    apt_install time
fi
if ! command -v hyperfine >/dev/null; then
    say "installing hyperfine"
    apt_install hyperfine || say "hyperfine unavailable; timing with a /usr/bin/time loop"
fi

# Python: the venv gets matplotlib for the plot; without it the summary is still written.
py=python3
if [ ! -x "$venv/bin/python" ]; then
    say "creating $venv"
    python3 -m venv "$venv" || { apt_install python3-venv && python3 -m venv "$venv"; } || true
fi
if [ -x "$venv/bin/python" ]; then
    py="$venv/bin/python"
    "$py" -c 'import matplotlib' 2>/dev/null || "$py" -m pip install --quiet "$matplotlib_pin" ||
        say "could not install $matplotlib_pin; no plot"
fi
report=("$py" scripts/bench-report.py)

cargo build --release --quiet -p dsplan-gen -p dsplan-cli --bins

raw="$out/raw.csv"
notes="$out/notes.tsv"
echo "nodes,pods,input_bytes,command,daemonsets,runs,median_s,mean_s,stddev_s,min_s,max_s,peak_rss_kb" >"$raw"
: >"$notes"
# note NODES|all COMMAND TEXT: a line of the summary's Notes.
note() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$notes"; say "$1 nodes, $2: $3"; }

oracle=""
if ! command -v go >/dev/null; then
    note all oracle "not timed: go not found"
elif (cd conformance/oracle && go build -o "$data_abs/oracle" .); then
    oracle=$data/oracle
else
    note all oracle "not timed: go build of conformance/oracle failed"
fi

engines=(native native-1)
if "$dsplan" plan --help | grep -q -- --engine; then
    engines+=(wasm)
fi
[ -z "$oracle" ] || engines+=(oracle)

ds20="$data/daemonsets-20-seed$seed.json"
ds1="$data/daemonsets-1-seed$seed.json"
[ -s "$ds20" ] || "$bin/dsplan-gen" --daemonsets "$ds20" --format json
[ -s "$ds1" ] || "$bin/dsplan-gen" --daemonsets "$ds1" --format json --count 1
if [[ " ${engines[*]} " == *" wasm "* ]]; then
    # The first wasm run after a build compiles the component into wasmtime's on-disk cache;
    # pay that here, on a tiny input, so that no checked or timed run does.
    "$dsplan" plan --engine wasm --snapshot "$ds1" --daemonset "$ds1" -o json >/dev/null 2>&1 || true
fi

# command_line NAME SNAPSHOT -> the command as an argument list on stdout, one per line
command_line() {
    case "$1" in
        floor) printf '%s\n' "$bin/dsplan-parse-floor" "$2" ;;
        floor-mmap) printf '%s\n' "$bin/dsplan-parse-floor" --mmap "$2" ;;
        native) printf '%s\n' "$dsplan" plan --engine native --snapshot "$2" --daemonset "$ds20" -o json ;;
        native-1) printf '%s\n' "$dsplan" plan --engine native --snapshot "$2" --daemonset "$ds1" -o json ;;
        wasm) printf '%s\n' "$dsplan" plan --engine wasm --snapshot "$2" --daemonset "$ds20" -o json ;;
        oracle) printf '%s\n' "$oracle" plan --snapshot "$2" --daemonset "$ds20" ;;
    esac
}

# Peak RSS per input byte of each command at the previous size, to foresee the next size.
declare -A rss_per_byte=()
# Commands skipped or failed at a smaller size are not tried at larger ones.
declare -A given_up=()

for nodes in "${sizes[@]}"; do
    snapshot="$data/snapshot-$nodes-seed$seed.json"
    if [ ! -s "$snapshot" ]; then
        say "generating $nodes nodes"
        "$bin/dsplan-gen" --nodes "$nodes" --pods-per-node 30 --seed "$seed" --format json --out "$snapshot"
    fi
    bytes=$(stat -c %s "$snapshot")
    if [ "$nodes" -gt 1000 ]; then runs=${RUNS:-3} warmup=${WARMUP:-0}; else runs=${RUNS:-5} warmup=${WARMUP:-1}; fi

    # Every command must produce its answer before it is timed: a plan that fails fast on bad
    # input would otherwise look fast. The planner exits non-zero when a DaemonSet cannot run
    # everywhere it should, so success is judged by the JSON answer, not the exit code. This run
    # also measures peak RSS (%M of GNU time: maximum resident set size, KiB).
    names=()
    meta=""
    for name in floor floor-mmap "${engines[@]}"; do
        optional=false
        case "$name" in wasm | oracle) optional=true ;; esac
        if [ -n "${given_up[$name]:-}" ]; then
            continue
        fi
        if $optional && [ -n "${rss_per_byte[$name]:-}" ]; then
            predicted_mb=$(awk -v r="${rss_per_byte[$name]}" -v b="$bytes" 'BEGIN { printf "%d", r * b / 1024 }')
            if [ "$predicted_mb" -gt "$mem_budget_mb" ]; then
                note "$nodes" "$name" "not run: peak RSS scaled from the previous size would be about $predicted_mb MB, over the budget of $mem_budget_mb MB (BENCH_MEM_MB)"
                given_up[$name]=1
                continue
            fi
        fi
        mapfile -t cmd < <(command_line "$name" "$snapshot")
        answer="$data/report-$name-$nodes.json"
        status=0
        timeout "$timeout_s" /usr/bin/time -f '%M' -o "$data/rss-$name.txt" "${cmd[@]}" \
            >"$answer" 2>"$data/report-$name-$nodes.err" || status=$?
        if [[ "$name" == floor* ]]; then
            [ "$status" -eq 0 ] || { say "the parse floor ($name) failed on $snapshot"; exit 1; }
            daemon_sets=""
        elif ! daemon_sets=$("${report[@]}" check "$answer" "$nodes" 2>"$data/check-$name.err"); then
            if [ "$status" -eq 124 ]; then
                why="did not answer within $timeout_s s (BENCH_TIMEOUT)"
            else
                why="no plan (exit $status): $(tr '\n' ' ' <"$data/check-$name.err" | head -c 300) $(tail -n 3 "$data/report-$name-$nodes.err" | tr '\n' ' ' | head -c 300)"
            fi
            $optional || { say "$name $why"; exit 1; }
            note "$nodes" "$name" "$why"
            given_up[$name]=1
            continue
        fi
        rss=$(tail -n 1 "$data/rss-$name.txt")
        rss_per_byte[$name]=$(awk -v r="$rss" -v b="$bytes" 'BEGIN { printf "%.9f", r / b }')
        meta+="$name=$daemon_sets:$rss "
        names+=("$name")
    done
    if [ -e "$data/report-oracle-$nodes.json" ] && [[ " ${names[*]} " == *" oracle "* ]]; then
        read -r same total < <("${report[@]}" agree "$data/report-native-$nodes.json" "$data/report-oracle-$nodes.json")
        note "$nodes" oracle "agrees with native on $same of $total (DaemonSet, node) answers (shouldRun, shouldContinueRunning, schedulable, reasons)"
    fi

    json="$data/hyperfine-$nodes.json"
    if command -v hyperfine >/dev/null; then
        args=()
        for name in "${names[@]}"; do
            mapfile -t cmd < <(command_line "$name" "$snapshot")
            args+=(--command-name "$name" "${cmd[*]}")
        done
        hyperfine --shell=none --ignore-failure --warmup "$warmup" --runs "$runs" --style basic \
            --export-json "$json" "${args[@]}" >&2
    else
        times="$data/times-$nodes.txt"
        : >"$times"
        for name in "${names[@]}"; do
            mapfile -t cmd < <(command_line "$name" "$snapshot")
            for _ in $(seq "$warmup"); do "${cmd[@]}" >/dev/null 2>&1 || true; done
            for _ in $(seq "$runs"); do
                /usr/bin/time -f "$name %e" -a -o "$times" "${cmd[@]}" >/dev/null 2>&1 || true
            done
        done
        "${report[@]}" times-to-json "$times" "$json"
    fi
    "${report[@]}" rows "$json" "$raw" "$nodes" "$bytes" "$meta"
done

timer="runs ${RUNS:-"5 (3 above 1,000 nodes)"} after warm-up ${WARMUP:-"1 (0 above 1,000 nodes)"}"
if command -v hyperfine >/dev/null; then
    timer="$(hyperfine --version), $timer"
else
    timer="a /usr/bin/time loop (%e: 10 ms resolution), $timer"
fi
commit=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
[ -z "$(git status --porcelain 2>/dev/null)" ] || commit+=" with uncommitted changes"
plot=()
if "$py" -c 'import matplotlib' 2>/dev/null; then
    plot=(--plot "$out/time-vs-nodes.png" --copy bench/time-vs-nodes.png)
fi
"${report[@]}" summary --raw "$raw" --notes "$notes" --summary "$out/summary.md" "${plot[@]}" \
    --command-line "scripts/bench-e2e.sh ${sizes[*]}" --date "$(date -u '+%Y-%m-%d %H:%M UTC')" \
    --commit "$commit" --load-before "$load_before" --timer "$timer"
