// What the page shows for each node: the plan's answer joined with the node's labels, turned
// into one decision colour, a pool, and one line per reason. Pure functions, no DOM.
import type { Detail, NodeInfo, NodePlan } from "@dsplan/web";

/** The four colours of the grid. */
export type Decision = "runs" | "wontRun" | "pending" | "toDelete";

export const DECISIONS: { id: Decision; label: string }[] = [
  { id: "runs", label: "runs" },
  { id: "pending", label: "would be Pending" },
  { id: "toDelete", label: "to delete" },
  { id: "wontRun", label: "won't run" },
];

export interface Row {
  plan: NodePlan;
  info: NodeInfo | undefined;
  decision: Decision;
  pool: string;
  /** The first reason, or the action when there is none ("" when the pod just runs). */
  reason: string;
}

/** Deleting beats everything; a created pod the scheduler refuses is Pending. */
export function decisionOf(n: NodePlan): Decision {
  if (n.action === "delete") return "toDelete";
  if (n.shouldRun && n.schedulable === false) return "pending";
  if (n.shouldRun || (n.shouldContinueRunning && n.pods.length > 0)) return "runs";
  return "wontRun";
}

/** Label keys that name a node pool, most specific first. */
const POOL_LABELS = [
  "eks.amazonaws.com/nodegroup",
  "cloud.google.com/gke-nodepool",
  "karpenter.sh/nodepool",
  "kubernetes.azure.com/agentpool",
  "agentpool",
  "node.kubernetes.io/pool",
  "pool",
];

/** The node's pool: a pool label, else its role label, else its OS. */
export function poolOf(info: NodeInfo | undefined): string {
  if (!info) return "(unknown)";
  for (const key of POOL_LABELS) {
    const v = info.labels[key];
    if (v) return v;
  }
  const role = Object.keys(info.labels).find((k) => k.startsWith("node-role.kubernetes.io/"));
  if (role) return role.slice("node-role.kubernetes.io/".length);
  return info.labels["kubernetes.io/os"] ?? "(none)";
}

export function rowsOf(plans: NodePlan[], infos: Map<string, NodeInfo>): Row[] {
  return plans.map((plan) => ({
    plan,
    info: infos.get(plan.node),
    decision: decisionOf(plan),
    pool: poolOf(infos.get(plan.node)),
    reason: plan.reasons[0] ?? "",
  }));
}

export type SortKey = "input" | "name" | "pool" | "decision" | "reason";

export interface Filter {
  /** Substring of the node name, a label `key=value` / `key`, or a reason. */
  text: string;
  pool: string; // "" = all
  decisions: Set<Decision>;
  sort: SortKey;
}

export function matches(row: Row, f: Filter): boolean {
  if (f.pool && row.pool !== f.pool) return false;
  if (!f.decisions.has(row.decision)) return false;
  const q = f.text.trim().toLowerCase();
  if (!q) return true;
  if (row.plan.node.toLowerCase().includes(q)) return true;
  if (row.plan.reasons.some((r) => r.toLowerCase().includes(q))) return true;
  const labels = row.info?.labels ?? {};
  const eq = q.indexOf("=");
  if (eq > 0) {
    const k = q.slice(0, eq), v = q.slice(eq + 1);
    return Object.entries(labels).some(([lk, lv]) => lk.toLowerCase() === k && lv.toLowerCase() === v);
  }
  return Object.keys(labels).some((k) => k.toLowerCase().includes(q));
}

const DECISION_ORDER: Record<Decision, number> = { toDelete: 0, pending: 1, wontRun: 2, runs: 3 };

export function sortRows(rows: Row[], key: SortKey): Row[] {
  if (key === "input") return rows;
  const by: Record<Exclude<SortKey, "input">, (a: Row, b: Row) => number> = {
    name: (a, b) => a.plan.node.localeCompare(b.plan.node),
    pool: (a, b) => a.pool.localeCompare(b.pool) || a.plan.node.localeCompare(b.plan.node),
    decision: (a, b) =>
      DECISION_ORDER[a.decision] - DECISION_ORDER[b.decision] || a.plan.node.localeCompare(b.plan.node),
    reason: (a, b) => a.reason.localeCompare(b.reason) || a.plan.node.localeCompare(b.plan.node),
  };
  return [...rows].sort(by[key]);
}

/** One line a person reads; the same wording as dsplan's CLI tables (report.rs Display). */
export function describe(d: Detail): string {
  switch (d.kind) {
    case "nodeNameMismatch":
      return `template spec.nodeName is ${d.wanted}`;
    case "nodeSelectorMismatch":
      return d.have === null
        ? `nodeSelector ${d.key}=${d.want}, node has no ${d.key} label`
        : `nodeSelector ${d.key}=${d.want}, node has ${d.key}=${d.have}`;
    case "nodeAffinityTermsMismatch":
      return [`none of ${d.terms} required node-affinity term(s) match`, ...d.invalid.map((e) => `invalid term: ${e}`)].join("; ");
    case "untoleratedTaint":
      return d.value ? `taint ${d.key}=${d.value}:${d.effect} is not tolerated` : `taint ${d.key}:${d.effect} is not tolerated`;
    case "tooManyPods":
      return `${d.pods} pods already on the node, allocatable pods ${d.allowed}`;
    case "insufficientResource":
      return `${d.resource}: requests ${d.requested}, free ${d.allocatable - d.used} of ${d.allocatable} allocatable`;
    case "hostPortConflict":
      return `host port ${d.hostIp}:${d.port}/${d.protocol} is used by ${d.usedBy}`;
  }
}
