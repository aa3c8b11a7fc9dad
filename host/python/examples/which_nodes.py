"""Which nodes get this DaemonSet? Usage: python which_nodes.py cluster.yaml daemonset.yaml"""

import sys

from dsplan import Planner, documents_from_files

report = Planner().plan(documents_from_files([sys.argv[1]], [sys.argv[2]]))
for ds in report.daemon_sets:
    for node in ds.nodes:
        verdict = "runs" if node.should_run else "skipped: " + "; ".join(node.reasons)
        print(f"{ds.namespace}/{ds.name} on {node.node}: {verdict}")
