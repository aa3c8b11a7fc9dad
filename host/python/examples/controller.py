"""A controller-shaped loop: re-plan whenever an input file changes, act on the difference.

    python controller.py --snapshot cluster.yaml --daemonset ds.yaml [--interval 2] [--once]

A real controller would feed the snapshot from informers; here the files stand in for them.
The planner is created once (the compiled module comes from the disk cache after the first
run) and every reconcile is one ``plan`` call.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Dict, List, Tuple

from dsplan import DsplanError, Planner, PlanReport, documents_from_files

Actions = Dict[Tuple[str, str], Tuple[int, int, int]]


def summarize(report: PlanReport) -> Actions:
    """(namespace, name) -> (desired, creates, deletes): what this sync would do."""
    return {
        (ds.namespace, ds.name): (
            ds.summary.desired_number_scheduled,
            ds.summary.creates,
            ds.summary.deletes,
        )
        for ds in report.daemon_sets
    }


def reconcile(planner: Planner, snapshot: List[str], proposed: List[str], last: Actions) -> Actions:
    try:
        report = planner.plan(documents_from_files(snapshot, proposed))
    except DsplanError as e:
        print(f"not planning: {e}")  # keep the last good answer; wait for a fixed input
        return last
    current = summarize(report)
    for key, (desired, creates, deletes) in current.items():
        if last.get(key) != current[key]:
            print(f"{key[0]}/{key[1]}: desired {desired}, create {creates}, delete {deletes}")
    for key in last.keys() - current.keys():
        print(f"{key[0]}/{key[1]}: no longer proposed")
    return current


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshot", action="append", required=True)
    ap.add_argument("--daemonset", action="append", default=[])
    ap.add_argument("--interval", type=float, default=2.0)
    ap.add_argument("--once", action="store_true")
    args = ap.parse_args()
    planner = Planner()
    files = args.snapshot + args.daemonset
    seen: Dict[str, float] = {}
    last: Actions = {}
    while True:
        stamps = {f: os.stat(f).st_mtime for f in files}
        if stamps != seen:
            seen = stamps
            last = reconcile(planner, args.snapshot, args.daemonset, last)
        if args.once:
            return
        time.sleep(args.interval)


if __name__ == "__main__":
    main()
