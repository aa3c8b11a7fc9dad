#!/usr/bin/env python3
"""Helpers of scripts/bench-e2e.sh: check a command's answer, turn timings into raw.csv rows,
and write summary.md and the time-vs-nodes PNG from raw.csv.

    bench-report.py check REPORT NODES            -> prints how many DaemonSets the plan covers
    bench-report.py agree NATIVE ORACLE           -> prints "AGREE OF" on the compared fields
    bench-report.py times-to-json TIMES JSON      -> /usr/bin/time loop output as hyperfine JSON
    bench-report.py rows JSON RAW NODES BYTES META -> appends raw.csv rows (META: name=ds:rss_kb ...)
    bench-report.py summary --raw CSV --notes TSV --summary MD --plot PNG [--copy PNG] ...

Only `summary` with a --plot needs matplotlib (imported there); everything else is stdlib, so
the checks run on any Python 3.
"""
import argparse
import csv
import json
import math
import os
import platform
import shutil
import statistics
import sys

# Commands in the order of every table and the plot, with what each one runs.
COMMANDS = {
    "floor": "`dsplan-parse-floor SNAPSHOT`: read the file, `serde_json` into `IgnoredAny` (the floor)",
    "floor-mmap": "`dsplan-parse-floor --mmap SNAPSHOT`: the same over the file mapped into memory, as "
    "`dsplan` maps its inputs (the parse alone, with copying the file into memory taken out)",
    "native": "`dsplan plan --engine native --snapshot SNAPSHOT --daemonset DS20 -o json`",
    "native-1": "the same with one proposed DaemonSet (`dsplan-gen --daemonsets DS1 --count 1`)",
    "wasm": "`dsplan plan --engine wasm ...` (the embedded component on wasmtime), DS20",
    "oracle": "`oracle plan --snapshot SNAPSHOT --daemonset DS20`: upstream Kubernetes v1.36 Go code "
    "(`conformance/oracle`)",
}
# Fields of a node's answer that the oracle computes (conformance/CONFORMANCE.md).
COMPARED = ("shouldRun", "shouldContinueRunning", "schedulable", "reasons")


def check(report_path, nodes):
    """Exits non-zero unless the report is a plan of every DaemonSet over all `nodes` nodes."""
    try:
        with open(report_path) as f:
            report = json.load(f)
    except ValueError:
        sys.exit(f"{report_path}: not a JSON answer")
    sets = report.get("daemonSets") if isinstance(report, dict) else None
    if not isinstance(sets, list) or not sets:
        sys.exit(f"{report_path}: no daemonSets list in the answer")
    for ds in sets:
        got = len(ds.get("nodes") or [])
        if got != nodes:
            sys.exit(f"{report_path}: {ds.get('namespace')}/{ds.get('name')} answers for {got} nodes, not {nodes}")
    print(len(sets))


def answers(path):
    with open(path) as f:
        report = json.load(f)
    return {
        (ds["namespace"], ds["name"], node["node"]): [node.get(k) for k in COMPARED]
        for ds in report["daemonSets"]
        for node in ds["nodes"]
    }


def agree(native_path, oracle_path):
    """Prints how many (DaemonSet, node) answers of the oracle the native plan matches."""
    native, oracle = answers(native_path), answers(oracle_path)
    same = sum(1 for key, value in oracle.items() if native.get(key) == value)
    print(same, len(oracle))


def times_to_json(times_path, json_path):
    times = {}
    with open(times_path) as f:
        for line in f:
            name, seconds = line.split()
            times.setdefault(name, []).append(float(seconds))
    results = [
        {"command": name, "times": t, "mean": statistics.mean(t), "stddev": statistics.stdev(t) if len(t) > 1 else 0}
        for name, t in times.items()
    ]
    with open(json_path, "w") as f:
        json.dump({"results": results}, f)


def rows(json_path, raw_path, nodes, size, meta):
    """meta: `name=daemonsets:rss_kb` items separated by spaces (daemonsets empty for the floor)."""
    info = dict(item.split("=", 1) for item in meta.split())
    with open(json_path) as f:
        results = json.load(f)["results"]
    with open(raw_path, "a", newline="") as out:
        writer = csv.writer(out)
        for r in results:
            name, times = r["command"], r["times"]
            daemon_sets, rss = info[name].split(":")
            writer.writerow([
                nodes, int(nodes) * 30, size, name, daemon_sets, len(times), statistics.median(times),
                r["mean"], r.get("stddev") or 0, min(times), max(times), rss,
            ])


def load_raw(path):
    with open(path) as f:
        data = list(csv.DictReader(f))
    by = {}
    for r in data:
        by.setdefault(int(r["nodes"]), {})[r["command"]] = r
    return by


def ratio(a, b):
    return f"{a / b:.2f}×" if a and b else "-"


def seconds(r):
    return float(r["median_s"]) if r else None


def fmt_s(t):
    return "-" if t is None else f"{t:.3f}"


def summary(args):
    by = load_raw(args.raw)
    sizes = sorted(by)
    present = [c for c in COMMANDS if any(c in by[n] for n in sizes)]
    notes = []
    if os.path.exists(args.notes):
        with open(args.notes) as f:
            notes = [line.rstrip("\n").split("\t", 2) for line in f if line.strip()]
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), cpu)
    with open("/proc/meminfo") as f:
        mem_gb = int(next(l.split()[1] for l in f if l.startswith("MemTotal"))) / 2**20
    with open("/proc/loadavg") as f:
        load_after = " ".join(f.read().split()[:3])

    out = [
        "# Whole-process benchmark",
        "",
        f"`{args.command_line}`, {args.date}, commit {args.commit}; {os.cpu_count()} CPUs ({cpu}), "
        f"{mem_gb:.0f} GB RAM, {platform.system()} {platform.release()}.",
        f"Load average before the run {args.load_before}, after it {load_after}. Timer: {args.timer}.",
        "Input: a generated snapshot (`dsplan-gen`, seed 1, 30 pods per node) and 20 proposed",
        "DaemonSets (`DS20`). Every command's answer is checked before it is timed. Commands:",
        "",
    ]
    out += [f"- `{c}`: {COMMANDS[c]}" for c in present]
    out += [
        "",
        "## Time (median seconds, whole process)",
        "",
        "`X/floor` is how many parse floors a command costs; `native/floor-mmap` compares the two",
        "with the same file access (both map the file); `oracle/native` is how many times faster",
        "`dsplan` native answers than the upstream Go code.",
        "",
    ]
    header = ["nodes", "pods", "input MB"] + [f"{c} s" for c in present]
    ratios = [(c, "floor") for c in ("native", "wasm") if c in present]
    ratios += [("native", "floor-mmap")] if {"native", "floor-mmap"} <= set(present) else []
    ratios += [(c, "native") for c in ("wasm", "oracle") if c in present]
    header += [f"{a}/{b}" for a, b in ratios]
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for n in sizes:
        cmds = by[n]
        any_row = next(iter(cmds.values()))
        cells = [f"{n:,}", f"{int(any_row['pods']):,}", f"{int(any_row['input_bytes']) / 1e6:.1f}"]
        cells += [fmt_s(seconds(cmds.get(c))) for c in present]
        cells += [ratio(seconds(cmds.get(a)), seconds(cmds.get(b))) for a, b in ratios]
        out.append("| " + " | ".join(cells) + " |")

    out += ["", "## Peak RSS (MB, and × input size)", ""]
    header = ["nodes", "input MB"] + present
    out += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for n in sizes:
        cmds = by[n]
        size = int(next(iter(cmds.values()))["input_bytes"])
        cells = [f"{n:,}", f"{size / 1e6:.1f}"]
        for c in present:
            rss = cmds.get(c, {}).get("peak_rss_kb")
            cells.append(f"{int(rss) / 1024:.0f} ({int(rss) * 1024 / size:.2f}×)" if rss else "-")
        out.append("| " + " | ".join(cells) + " |")

    if "native-1" in present:
        out += [
            "",
            "## Linearity in nodes × DaemonSets (native)",
            "",
            "`planned` counts every DaemonSet in the plan (the snapshot's own plus new proposals).",
            "The marginal cost is `(native − native-1) / (nodes × (planned − planned-1))`: the price of",
            "one more (node, DaemonSet) pair with parsing taken out. A flat column across sizes is cost",
            "linear in nodes × DaemonSets. At small sizes the difference drowns in process noise; the",
            "criterion benches `plan/one` and `plan/twenty` (`cargo bench -p dsplan-gen`) measure it in process.",
            "",
            "| nodes | planned-1 | native-1 s | planned | native s | µs per node × DaemonSet, marginal | "
            "µs per node × DaemonSet, whole process |",
            "|---|---|---|---|---|---|---|",
        ]
        for n in sizes:
            one, many = by[n].get("native-1"), by[n].get("native")
            if not one or not many:
                continue
            d1, d20 = int(one["daemonsets"]), int(many["daemonsets"])
            t1, t20 = seconds(one), seconds(many)
            marginal = "-"
            if d20 > d1:
                marginal = f"{(t20 - t1) / (n * (d20 - d1)) * 1e6:.2f}"
                if float(many["min_s"]) <= float(one["max_s"]):
                    marginal += " (within noise: run ranges overlap)"
            out.append(
                f"| {n:,} | {d1} | {t1:.3f} | {d20} | {t20:.3f} | {marginal} | {t20 / (n * d20) * 1e6:.2f} |"
            )

    if len(sizes) > 1:
        out += [
            "",
            "## Growth exponents",
            "",
            "Slope of log(median time) against log(nodes) between consecutive sizes: 1.00 is linear;",
            "below 1 at small sizes is fixed start-up cost (process, wasmtime, Go runtime) not yet amortized.",
            "",
            "| sizes | " + " | ".join(present) + " |",
            "|" + "---|" * (len(present) + 1),
        ]
        for a, b in zip(sizes, sizes[1:]):
            cells = [f"{a:,} → {b:,}"]
            for c in present:
                ta, tb = seconds(by[a].get(c)), seconds(by[b].get(c))
                cells.append(f"{math.log(tb / ta) / math.log(b / a):.2f}" if ta and tb else "-")
            out.append("| " + " | ".join(cells) + " |")

    if notes:
        out += ["", "## Notes", ""]
        out += [f"- {f'{int(n):,} nodes' if n.isdigit() else n}, `{c}`: {text}" for n, c, text in notes]
    out += ["", "Raw numbers: `raw.csv` beside this file; plot: `time-vs-nodes.png`."]
    with open(args.summary, "w") as f:
        f.write("\n".join(out) + "\n")
    print("\n".join(out))
    if args.plot:
        plot(by, sizes, present, args.plot)
        if args.copy:
            shutil.copyfile(args.plot, args.copy)


def plot(by, sizes, present, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5))
    for c in present:
        points = [(n, by[n][c]) for n in sizes if c in by[n]]
        nodes = [n for n, _ in points]
        left.plot(nodes, [float(r["median_s"]) for _, r in points], marker="o", label=c)
        left.fill_between(nodes, [float(r["min_s"]) for _, r in points], [float(r["max_s"]) for _, r in points], alpha=0.15)
        mem = [(int(r["input_bytes"]) / 1e6, int(r["peak_rss_kb"]) / 1024) for _, r in points if r["peak_rss_kb"]]
        right.plot([m for m, _ in mem], [r for _, r in mem], marker="o", label=c)
    # Reference slopes: time proportional to nodes, RSS equal to the input size.
    first = sizes[0]
    t0 = min(float(by[first][c]["median_s"]) for c in present if c in by[first])
    left.plot(sizes, [t0 * n / first for n in sizes], linestyle=":", color="grey", label="∝ nodes")
    inputs = sorted({int(by[n][c]["input_bytes"]) / 1e6 for n in sizes for c in by[n]})
    right.plot(inputs, inputs, linestyle=":", color="grey", label="RSS = input")
    for axis, ticks in ((left, sizes), (right, inputs)):
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xticks(ticks, [f"{t:,.3g}" for t in ticks])
        axis.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
        axis.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    left.set(xlabel="nodes (30 pods each)", ylabel="median wall time, s", title="Whole-process time vs nodes")
    right.set(xlabel="input JSON, MB", ylabel="peak RSS, MB", title="Peak RSS vs input size")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    p = sub.add_parser("check")
    p.add_argument("report")
    p.add_argument("nodes", type=int)
    p = sub.add_parser("agree")
    p.add_argument("native")
    p.add_argument("oracle")
    p = sub.add_parser("times-to-json")
    p.add_argument("times")
    p.add_argument("json")
    p = sub.add_parser("rows")
    p.add_argument("json")
    p.add_argument("raw")
    p.add_argument("nodes")
    p.add_argument("bytes")
    p.add_argument("meta")
    p = sub.add_parser("summary")
    p.add_argument("--raw", required=True)
    p.add_argument("--notes", required=True)
    p.add_argument("--summary", required=True)
    p.add_argument("--plot", help="PNG to write (needs matplotlib)")
    p.add_argument("--copy", help="also copy the PNG here")
    p.add_argument("--command-line", default="scripts/bench-e2e.sh")
    p.add_argument("--date", default="")
    p.add_argument("--commit", default="?")
    p.add_argument("--load-before", default="?")
    p.add_argument("--timer", default="?")
    args = parser.parse_args()
    if args.action == "check":
        check(args.report, args.nodes)
    elif args.action == "agree":
        agree(args.native, args.oracle)
    elif args.action == "times-to-json":
        times_to_json(args.times, args.json)
    elif args.action == "rows":
        rows(args.json, args.raw, args.nodes, args.bytes, args.meta)
    else:
        summary(args)


if __name__ == "__main__":
    main()
