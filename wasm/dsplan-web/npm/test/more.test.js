// rollout, check and validate through the Node build, on the bundled examples
// (expectations from examples/README.md).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { rollout, check, validate } = require("..");

const examples = path.join(__dirname, "../../../../examples");
const doc = (dir, file, role) => ({
  name: `${file}`,
  text: fs.readFileSync(path.join(examples, dir, file), "utf8"),
  role,
});
const kubeadmV2 = [doc("clusters", "kubeadm.yaml", "snapshot"), doc("daemonsets", "fluentd-elasticsearch-v2.yaml", "proposed")];

test("the fluentd v2 rollout on kubeadm stalls on worker-02", () => {
  const report = rollout(kubeadmV2);
  const ds = report.daemonSets.find((d) => d.name === "fluentd-elasticsearch");
  assert.ok(ds, "fluentd in the rollout report");
  assert.equal(ds.strategy, "RollingUpdate");
  assert.ok(ds.steps.length > 0);
  assert.ok(ds.stuck.some((s) => s.node === "k8s-worker-02"), JSON.stringify(ds.stuck));
  assert.equal(ds.rolloutDone, false);
});

test("rollout timing changes the timeline, and a partial timing is refused", () => {
  const slow = rollout(kubeadmV2, {}, { podStartSeconds: 100, readinessSeconds: 50, terminationSeconds: 5 });
  const fast = rollout(kubeadmV2);
  const last = (r) => r.daemonSets.find((d) => d.name === "fluentd-elasticsearch").steps.at(-1).atSeconds;
  assert.ok(last(slow) > last(fast), `${last(slow)} vs ${last(fast)}`);
  assert.throws(() => rollout(kubeadmV2, {}, { podStartSeconds: 1 }), (e) => e.code === "invalid-request" && e.message.startsWith("timing:"));
});

test("check with the default policy returns findings as objects", () => {
  const report = check(kubeadmV2);
  assert.equal(typeof report.policy, "string");
  assert.ok(Array.isArray(report.findings));
  for (const f of report.findings) assert.equal(typeof f.message, "string");
});

test("validate reports the API server's verdict per DaemonSet", () => {
  const ok = validate([doc("daemonsets", "node-exporter.yaml", "proposed")]);
  assert.equal(ok.objects.length, 1);
  assert.equal(ok.objects[0].valid, true);
  const bad = validate([{ name: "bad.yaml", role: "proposed", text: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: x}
spec:
  minReadySeconds: -1
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec: {containers: [{name: c, image: i}]}
` }]);
  assert.equal(bad.objects[0].valid, false);
  assert.ok(bad.objects[0].errors.includes("spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"), bad.objects[0].errors.join("\n"));
});
