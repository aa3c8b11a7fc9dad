// Which nodes get this DaemonSet? Usage: node which-nodes.js cluster.yaml daemonset.yaml
import { Planner, documentsFromFiles } from "@dsplan/node";

const planner = await Planner.create();
const report = planner.plan(await documentsFromFiles([process.argv[2]], [process.argv[3]]));
for (const ds of report.daemonSets) {
  for (const n of ds.nodes) {
    console.log(`${ds.namespace}/${ds.name} on ${n.node}: ${n.shouldRun ? "runs" : "skipped: " + n.reasons.join("; ")}`);
  }
}
