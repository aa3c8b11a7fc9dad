// @dsplan/node: the dsplan planner over the core-module JSON ABI (wasm/ABI.md), no dependencies.
//
// The report JSON is the engine's own bytes: the ABI answers `{"ok":` + report + `}`, and
// `planJson`, `rolloutJson`, `checkJson` and `validateJson` return the slice in between, the
// engine report's exact serde JSON (what `dsplan <command> -o json` prints, compact).

import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ABI_MAJOR = 1;
const OK_PREFIX = '{"ok":';
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * A plan request the planner refused, or a failure running it. Branch on `code`; `message` is
 * the engine's text, `toString()` adds the location.
 */
export class DsplanError extends Error {
  constructor(fields) {
    super(fields.message);
    this.name = "DsplanError";
    this.code = fields.code;
    this.file = fields.file ?? null;
    this.document = fields.document ?? null;
    this.object = fields.object ?? null;
    this.path = fields.path ?? null;
    this.line = fields.line ?? null;
    this.column = fields.column ?? null;
  }

  toString() {
    return `${this.name}: ${describe(this)}`;
  }
}

function describe(f) {
  const where = [];
  if (f.file) where.push(f.line != null ? `${f.file}:${f.line}:${f.column ?? 0}` : f.file);
  if (f.document != null) where.push(`document ${f.document}`);
  if (f.object) where.push(f.object);
  if (f.path) where.push(f.path);
  return `${f.code}: ${where.length ? where.join(": ") + ": " : ""}${f.message}`;
}

/** The Wasm file: `explicit`, `$DSPLAN_WASM`, the packaged copy, or the repo's `dist/`. */
export function locateWasm(explicit) {
  if (explicit) return explicit;
  if (process.env.DSPLAN_WASM) return process.env.DSPLAN_WASM;
  const candidates = [
    new URL("../dsplan.core.wasm", import.meta.url),
    new URL("../../../dist/dsplan.core.wasm", import.meta.url),
  ].map((u) => fileURLToPath(u));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new DsplanError({
      code: "load",
      message: `dsplan.core.wasm not found (tried ${candidates.join(", ")}); run scripts/build-wasm.sh or set DSPLAN_WASM`,
    });
  }
  return found;
}

export class Planner {
  #module;
  #instance = null;

  /** Use `Planner.create()` or `Planner.fromModule()`. */
  constructor(module) {
    this.#module = module;
    const major = this.#exports().dsplan_abi_version();
    if (major !== ABI_MAJOR) {
      throw new DsplanError({ code: "load", message: `module speaks ABI ${major}, this SDK speaks ${ABI_MAJOR}` });
    }
  }

  /** Read and compile the Wasm module once. */
  static async create(options = {}) {
    const path = locateWasm(options.wasmPath);
    let bytes;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw new DsplanError({ code: "load", message: `cannot read ${path}: ${e.message}` });
    }
    let module;
    try {
      module = await WebAssembly.compile(bytes);
    } catch (e) {
      throw new DsplanError({ code: "load", message: `cannot compile ${path}: ${e.message}` });
    }
    return new Planner(module);
  }

  /** A planner over an already compiled module (e.g. one posted to a worker thread). */
  static fromModule(module) {
    return new Planner(module);
  }

  /** The compiled module, to share with worker threads. */
  get module() {
    return this.#module;
  }

  plan(documents, featureGates) {
    return JSON.parse(this.planJson(documents, featureGates));
  }

  planJson(documents, featureGates) {
    return this.#call("plan", request(documents, { featureGates }));
  }

  rollout(documents, featureGates, timing) {
    return JSON.parse(this.rolloutJson(documents, featureGates, timing));
  }

  rolloutJson(documents, featureGates, timing) {
    return this.#call("rollout", request(documents, { featureGates, timing }));
  }

  check(documents, policy, featureGates, timing) {
    return JSON.parse(this.checkJson(documents, policy, featureGates, timing));
  }

  checkJson(documents, policy, featureGates, timing) {
    return this.#call("check", request(documents, { featureGates, policy, timing }));
  }

  validate(documents) {
    return JSON.parse(this.validateJson(documents));
  }

  validateJson(documents) {
    return this.#call("validate", request(documents, {}));
  }

  version() {
    return JSON.parse(this.#call("version", "{}"));
  }

  #exports() {
    if (this.#instance === null) {
      this.#instance = new WebAssembly.Instance(this.#module, {});
    }
    return this.#instance.exports;
  }

  #call(fn, request) {
    let response;
    try {
      response = this.#rawCall(encoder.encode(fn), encoder.encode(request));
    } catch (e) {
      // A trap leaves the instance unusable (ABI.md): the next call gets a fresh one.
      this.#instance = null;
      if (e instanceof WebAssembly.RuntimeError) {
        throw new DsplanError({ code: "trap", message: `the planner trapped in '${fn}': ${e.message}` });
      }
      throw e;
    }
    if (response.startsWith(OK_PREFIX) && response.endsWith("}")) {
      return response.slice(OK_PREFIX.length, -1);
    }
    throw new DsplanError(JSON.parse(response).error);
  }

  #rawCall(fn, request) {
    const x = this.#exports();
    const fnPtr = x.dsplan_alloc(fn.length) >>> 0;
    new Uint8Array(x.memory.buffer, fnPtr, fn.length).set(fn);
    const reqPtr = x.dsplan_alloc(request.length) >>> 0;
    // Read `memory.buffer` again after every call into the guest: growth detaches old views.
    new Uint8Array(x.memory.buffer, reqPtr, request.length).set(request);
    const packed = BigInt.asUintN(64, x.dsplan_call(fnPtr, fn.length, reqPtr, request.length));
    const resPtr = Number(packed >> 32n);
    const resLen = Number(packed & 0xffffffffn);
    const text = decoder.decode(new Uint8Array(x.memory.buffer, resPtr, resLen));
    x.dsplan_free(fnPtr, fn.length);
    x.dsplan_free(reqPtr, request.length);
    x.dsplan_free(resPtr, resLen);
    return text;
  }
}

/** The ABI request object (wasm/ABI.md); parts that are `undefined` or `null` are left out,
 *  so the engine uses its defaults. */
function request(documents, { featureGates, policy, timing }) {
  const req = { documents };
  if (featureGates !== undefined && featureGates !== null) req.options = { featureGates };
  if (policy !== undefined && policy !== null) req.policy = policy;
  if (timing !== undefined && timing !== null) req.timing = timing;
  return JSON.stringify(req);
}

/** A policy for `check` read from a file (its name is the path as given). */
export async function policyFromFile(path) {
  return { name: path, text: await readFile(path, "utf8") };
}

/** Documents read from files: snapshot files first, then proposed DaemonSets. */
export async function documentsFromFiles(snapshot, proposed = []) {
  const docs = [];
  for (const [role, paths] of [["snapshot", snapshot], ["proposed", proposed]]) {
    for (const name of paths) docs.push({ name, text: await readFile(name, "utf8"), role });
  }
  return docs;
}
