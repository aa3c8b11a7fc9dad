// Cold and steady plan latency. Usage: node bench.js cluster.json ds.json [runs]
// Cold = read + compile + instantiate + first call.
import { Planner, documentsFromFiles } from "@dsplan/node";

const docs = await documentsFromFiles([process.argv[2]], [process.argv[3]]);
const runs = Number(process.argv[4] ?? 10);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let t = performance.now();
const planner = await Planner.create();
planner.planJson(docs);
console.log(`cold (compile + first call):    ${((performance.now() - t) / 1000).toFixed(3)} s`);
for (const [label, f] of [["planJson", () => planner.planJson(docs)], ["plan typed", () => planner.plan(docs)]]) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  console.log(`steady ${label} (median/${runs}): ${median(times).toFixed(1)} ms`);
}
