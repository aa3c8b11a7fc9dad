// The JS contract of @dsplan/web beyond placement: plain objects out, located Errors thrown.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { plan, version } = require("..");

const node = `apiVersion: v1
kind: Node
metadata:
  name: gpu-1
  labels: {pool: gpu}
spec:
  taints:
  - {key: nvidia.com/gpu, value: present, effect: NoSchedule}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
`;
const daemonSet = (tolerations) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: ${tolerations}
      containers: [{name: agent, image: agent:1}]
`;
const docs = (ds) => [
  { name: "cluster.yaml", text: node, role: "snapshot" },
  { name: "ds.yaml", text: ds, role: "proposed" },
];

test("version names the Kubernetes release dsplan follows", () => {
  const v = version();
  assert.match(v.kubernetes, /^v?1\.36/);
  assert.ok(v.featureGates.includes("TaintTolerationComparisonOperators=false"));
});

test("plan returns plain objects, not JSON text", () => {
  const report = plan(docs(daemonSet("[]")));
  assert.equal(typeof report, "object");
  assert.equal(Object.getPrototypeOf(report), Object.prototype);
  assert.ok(Array.isArray(report.daemonSets));
  assert.equal(typeof report.daemonSets[0].summary.nodes, "number");
});

test("an untolerated GPU taint keeps the pod off with its reason and detail", () => {
  const n = plan(docs(daemonSet("[]"))).daemonSets[0].nodes[0];
  assert.equal(n.shouldRun, false);
  assert.equal(n.controllerDecision, "UntoleratedNoScheduleTaint");
  assert.deepEqual(n.details, [
    { kind: "untoleratedTaint", key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" },
  ]);
});

test("a GPU-taint toleration lets the pod run", () => {
  const n = plan(docs(daemonSet('[{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]')))
    .daemonSets[0].nodes[0];
  assert.equal(n.shouldRun, true);
  assert.equal(n.schedulable, true);
  assert.equal(n.action, "create");
});

test("bad YAML throws an Error with the file and line", () => {
  const bad = daemonSet("[{key: a, effect: NoSchedule}").replace("containers", "  containers");
  assert.throws(
    () => plan(docs(bad)),
    (e) => {
      assert.ok(e instanceof Error);
      assert.equal(e.code, "invalid-input");
      assert.equal(e.file, "ds.yaml");
      assert.equal(typeof e.line, "number");
      assert.ok(e.line >= 9 && e.line <= 11, `line ${e.line}`);
      assert.ok(e.message.startsWith(`ds.yaml:${e.line}`), e.message);
      return true;
    },
  );
});

test("a field of the wrong type throws with its path, line and column", () => {
  const bad = daemonSet("[{key: a, operator: Exists, tolerationSeconds: soon}]");
  assert.throws(
    () => plan(docs(bad)),
    (e) => {
      assert.equal(e.code, "invalid-input");
      assert.equal(e.object, "DaemonSet kube-system/agent");
      assert.equal(e.path, "spec.template.spec.tolerations[0].tolerationSeconds");
      assert.equal(e.line, 9);
      assert.equal(e.document, 0);
      assert.ok(e.column > 20, `column ${e.column}`);
      return true;
    },
  );
});

test("an unknown feature gate throws invalid-option", () => {
  assert.throws(
    () => plan(docs(daemonSet("[]")), { featureGates: { NoSuchGate: true } }),
    (e) => e.code === "invalid-option" && e.message.includes("NoSuchGate") && e.line === null,
  );
});

test("arguments of the wrong shape throw invalid-request", () => {
  assert.throws(
    () => plan([{ name: "a.yaml", text: "", role: "live" }]),
    (e) => e.code === "invalid-request" && e.message.startsWith("documents:"),
  );
  assert.throws(() => plan("not an array"), (e) => e.code === "invalid-request");
});

test("the module keeps working after a thrown error", () => {
  assert.throws(() => plan(docs("a: [")));
  assert.equal(plan(docs(daemonSet("[]"))).daemonSets.length, 1);
});
