// The planner, loaded once: dsplan compiled to WebAssembly (@dsplan/web, built by
// scripts/build-web.sh). Every call runs in the page; nothing goes to a server.
import init, { nodes, plan, rollout, version } from "@dsplan/web/web";
import type { Document, DsplanError, NodeInfo, PlanReport, RolloutReport, VersionInfo } from "@dsplan/web";
import wasmUrl from "@dsplan/web/web/dsplan_web_bg.wasm?url";

export type { DsplanError, NodeInfo, PlanReport, RolloutReport, VersionInfo };

export const SNAPSHOT_FILE = "snapshot.yaml";
export const DAEMONSET_FILE = "daemonset.yaml";

export async function load(): Promise<VersionInfo> {
  await init({ module_or_path: wasmUrl });
  return version();
}

export interface Outcome {
  report: PlanReport;
  nodes: NodeInfo[];
  /** `namespace/name` of the DaemonSets in the DaemonSet editor. */
  proposed: string[];
  /** Milliseconds spent in the planner (parse + plan, both documents). */
  planMs: number;
}

function docs(snapshot: string, daemonSet: string): Document[] {
  const all: Document[] = [{ name: SNAPSHOT_FILE, text: snapshot, role: "snapshot" }];
  if (daemonSet.trim()) all.push({ name: DAEMONSET_FILE, text: daemonSet, role: "proposed" });
  return all;
}

let cachedNodes: { text: string; nodes: NodeInfo[] } | undefined;
let cachedProposed: { text: string; keys: string[] } | undefined;

/** Plans; throws the planner's `DsplanError`. Node infos are re-read only when the snapshot changes. */
export function run(snapshot: string, daemonSet: string): Outcome {
  const t0 = performance.now();
  const report = plan(docs(snapshot, daemonSet));
  if (cachedNodes?.text !== snapshot) {
    cachedNodes = { text: snapshot, nodes: nodes(docs(snapshot, "")) };
  }
  if (cachedProposed?.text !== daemonSet) {
    // Planned alone (no nodes), the DaemonSet documents just list their DaemonSets.
    const alone = daemonSet.trim() ? plan(docs("", daemonSet).slice(1)).daemonSets : [];
    cachedProposed = { text: daemonSet, keys: alone.map((d) => `${d.namespace}/${d.name}`) };
  }
  return { report, nodes: cachedNodes.nodes, proposed: cachedProposed.keys, planMs: performance.now() - t0 };
}

export function isDsplanError(e: unknown): e is DsplanError {
  return e instanceof Error && typeof (e as Partial<DsplanError>).code === "string";
}

/** Simulates the update of every DaemonSet, sync by sync; throws the planner's `DsplanError`. */
export function runRollout(snapshot: string, daemonSet: string): RolloutReport {
  return rollout(docs(snapshot, daemonSet));
}
