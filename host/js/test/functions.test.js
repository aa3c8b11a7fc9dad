// rollout, check and validate: the parsed reports equal the shared vectors' JSON
// (conformance/vectors/<function>.json), options change the answer, refused requests are
// DsplanErrors. vectors.test.js replays the vectors' bytes.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Planner, DsplanError, policyFromFile } from "../src/index.js";

const load = (fn) =>
  JSON.parse(readFileSync(new URL(`../../../conformance/vectors/${fn}.json`, import.meta.url), "utf8")).vectors;
let planner;
before(async () => {
  planner = await Planner.create();
});

const gates = (r) => r.options?.featureGates;
// Each function's typed SDK method, called with an ABI request's parts.
const typed = {
  rollout: (r) => planner.rollout(r.documents, gates(r), r.timing),
  check: (r) => planner.check(r.documents, r.policy, gates(r), r.timing),
  validate: (r) => planner.validate(r.documents),
};

for (const fn of Object.keys(typed)) {
  test(`${fn}: the typed report is the parsed JSON`, () => {
    for (const v of load(fn)) assert.deepEqual(typed[fn](v.request), JSON.parse(v.ok), v.id);
  });
}

test("slower pods stretch the timeline", () => {
  const byId = Object.fromEntries(load("rollout").map((v) => [v.id, v]));
  const id = "examples/kubeadm+fluentd-elasticsearch-v2";
  const lastStep = (report) => report.daemonSets.find((d) => d.name === "fluentd-elasticsearch").steps.at(-1).atSeconds;
  const fast = planner.rollout(byId[id].request.documents);
  const slow = planner.rollout(byId[id].request.documents, null, byId[`${id}/slow-pods`].request.timing);
  assert.ok(lastStep(slow) > lastStep(fast), `${lastStep(slow)} <= ${lastStep(fast)}`);
});

test("check with a policy read from a file", async () => {
  const v = load("check").find((v) => v.id === "examples/cloud-gpu-spot+node-exporter/policy=dsplan-policy");
  const policy = await policyFromFile(
    fileURLToPath(new URL("../../../examples/ci/dsplan-policy.yaml", import.meta.url)),
  );
  const report = planner.check(v.request.documents, policy, null, v.request.timing);
  assert.equal(report.policy, "platform-daemonsets");
  assert.deepEqual(report.findings, JSON.parse(v.ok).findings);
});

test("an invalid DaemonSet is a verdict, not an error", () => {
  const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: agent, image: "agent:1"}]}
`;
  const [object] = planner.validate([{ name: "ds.yaml", text: ds, role: "proposed" }]).objects;
  assert.equal(object.valid, false);
  assert.equal(object.file, "ds.yaml");
  assert.ok(object.errors.some((e) => e.startsWith("spec.template.metadata.labels")), object.errors.join("\n"));
});

test("a bad policy is invalid-input naming its file", () => {
  assert.throws(() => planner.check([], { name: "policy.yaml", text: "apiVersion: nope\n" }), (e) => {
    assert.ok(e instanceof DsplanError);
    assert.equal(e.code, "invalid-input");
    assert.equal(e.file, "policy.yaml");
    return true;
  });
});

test("a partial timing or a bad role is invalid-request", () => {
  assert.throws(() => planner.rolloutJson([], null, { podStartSeconds: 1 }), {
    code: "invalid-request",
    message: /missing field `readinessSeconds`/,
  });
  for (const call of [(d) => planner.rolloutJson(d), (d) => planner.checkJson(d), (d) => planner.validateJson(d)]) {
    assert.throws(() => call([{ name: "x", text: "", role: "cluster" }]), { code: "invalid-request" });
  }
});
