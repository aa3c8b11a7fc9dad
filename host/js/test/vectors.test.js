// Every shared vector of every function (conformance/vectors/<function>.json) replays
// byte-identical; refused input is a DsplanError.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Planner, DsplanError } from "../src/index.js";

const load = (fn) =>
  JSON.parse(readFileSync(new URL(`../../../conformance/vectors/${fn}.json`, import.meta.url), "utf8")).vectors;
const vectors = load("plan");
let planner;
before(async () => {
  planner = await Planner.create();
});

const gates = (req) => req.options?.featureGates;

// Each function's JSON method, called with an ABI request's parts.
const calls = {
  plan: (r) => planner.planJson(r.documents, gates(r)),
  rollout: (r) => planner.rolloutJson(r.documents, gates(r), r.timing),
  check: (r) => planner.checkJson(r.documents, r.policy, gates(r), r.timing),
  validate: (r) => planner.validateJson(r.documents),
};

for (const [fn, call] of Object.entries(calls)) {
  test(`${fn}: every vector replays byte-identical`, () => {
    const all = load(fn);
    assert.ok(all.length > 0);
    const drift = all.filter((v) => call(v.request) !== v.ok);
    assert.equal(drift.length, 0, `${fn}: ${drift.length} of ${all.length} drifted; first: ${drift[0]?.id}`);
  });
}

test("typed report is the parsed JSON", () => {
  for (const v of vectors) {
    assert.deepEqual(planner.plan(v.request.documents, gates(v.request)), JSON.parse(v.ok), v.id);
  }
});

test("version names Kubernetes 1.36", () => {
  const v = planner.version();
  assert.match(v.kubernetes, /^v?1\.36/);
  assert.equal(typeof v.dsplan, "string");
});

const BAD_NODE = `apiVersion: v1
kind: Node
metadata:
  name: n1
spec:
  taints:
  - key: k
    effect: Sometimes
`;

test("invalid input carries code and location", () => {
  assert.throws(
    () => planner.plan([{ name: "nodes.yaml", text: BAD_NODE, role: "snapshot" }]),
    (e) => {
      assert.ok(e instanceof DsplanError && e instanceof Error);
      assert.equal(e.code, "invalid-input");
      assert.equal(e.file, "nodes.yaml");
      assert.equal(e.document, 0);
      assert.ok(e.line > 1);
      assert.ok(e.message.length > 0);
      assert.match(String(e), /nodes\.yaml/);
      return true;
    },
  );
});

test("unknown feature gate is invalid-option", () => {
  assert.throws(() => planner.planJson([], { NoSuchGate: true }), { code: "invalid-option", file: null });
});

test("bad role is invalid-request", () => {
  assert.throws(() => planner.plan([{ name: "x", text: "", role: "cluster" }]), { code: "invalid-request" });
});

test("planner keeps answering exactly after an error", () => {
  assert.throws(() => planner.plan([{ name: "nodes.yaml", text: BAD_NODE, role: "snapshot" }]));
  assert.equal(planner.planJson(vectors[0].request.documents), vectors[0].ok);
});

test("missing wasm is a load error", async () => {
  await assert.rejects(Planner.create({ wasmPath: "/nonexistent/dsplan.core.wasm" }), { code: "load" });
});
