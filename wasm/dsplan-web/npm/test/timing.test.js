// Planning a 500-node snapshot in Node is fast enough for a page that re-plans on every edit.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { plan } = require("..");
const { bigCluster, AGENT } = require("./big-cluster");

test("a 500-node snapshot plans in well under a second", (t) => {
  const docs = [
    { name: "cluster.yaml", text: bigCluster(500), role: "snapshot" },
    { name: "agent.yaml", text: AGENT, role: "proposed" },
  ];
  plan(docs); // warm up
  const times = [];
  let report;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    report = plan(docs);
    times.push(performance.now() - t0);
  }
  const nodes = report.daemonSets[0].nodes;
  assert.equal(nodes.length, 500);
  // 50 tainted nodes; of the 20 nodes with 50m cpu, none is tainted (i % 25 == 5 vs i % 10 == 3).
  assert.equal(nodes.filter((n) => !n.shouldRun).length, 50);
  assert.equal(nodes.filter((n) => n.shouldRun && n.schedulable === false).length, 20);
  const slowest = Math.max(...times);
  t.diagnostic(`plan(500 nodes): ${times.map((ms) => ms.toFixed(1)).join(", ")} ms`);
  assert.ok(slowest < 500, `slowest ${slowest} ms`);
});
