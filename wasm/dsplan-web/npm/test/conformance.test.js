// Every case of conformance/placement-cases.json (taken from upstream Kubernetes unit tests)
// through the Node build of @dsplan/web, checked like the CLI's runner
// (host/dsplan-cli/tests/placement_conformance.rs): the node's decision, schedulability and
// reasons, and for controller sync cases the creates, deletes and events.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { plan } = require("..");

const file = path.join(__dirname, "../../../../conformance/placement-cases.json");
const { cases } = JSON.parse(fs.readFileSync(file, "utf8"));

test("the conformance file still has every case", () => {
  assert.ok(cases.length >= 77, `only ${cases.length} cases`);
});

for (const c of cases) {
  test(c.id, () => {
    const snapshot = { apiVersion: "v1", kind: "List", items: [c.node, ...c.existing_pods] };
    const report = plan(
      [
        { name: `${c.id}.snapshot.json`, text: JSON.stringify(snapshot), role: "snapshot" },
        { name: `${c.id}.daemonset.json`, text: JSON.stringify(c.daemonset), role: "proposed" },
      ],
      { featureGates: c.featureGates ?? {} },
    );
    const ds = report.daemonSets[0];
    const node = ds.nodes.find((n) => n.node === c.node.metadata.name);
    assert.ok(node, `node ${c.node.metadata.name} missing`);
    const e = c.expect;
    assert.deepEqual(
      {
        shouldRun: node.shouldRun,
        shouldContinueRunning: node.shouldContinueRunning,
        controllerDecision: node.controllerDecision,
        schedulable: node.schedulable,
        reasons: node.reasons,
      },
      {
        shouldRun: e.shouldRun,
        shouldContinueRunning: e.shouldContinueRunning,
        controllerDecision: e.controllerDecision,
        schedulable: e.schedulable,
        reasons: e.reasons,
      },
    );
    if (e.actions) {
      const deleted = [...node.deletePods, ...ds.deletePodsWithoutNode];
      assert.equal(node.creates, e.actions.creates, "creates");
      assert.equal(deleted.length, e.actions.deletes, "deletes");
      if (e.actions.deletedPods) assert.deepEqual(deleted, e.actions.deletedPods);
      if (e.actions.events) {
        assert.deepEqual(node.events.map((ev) => ev.reason), e.actions.events);
      }
    }
  });
}
