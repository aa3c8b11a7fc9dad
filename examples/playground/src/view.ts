// Renders the node grid, the table and a node's details. Plain DOM strings: 500 nodes render in a
// few milliseconds without a framework.
import type { DaemonSetPlan, DaemonSetRollout } from "@dsplan/web";
import { DECISIONS, describe, type Decision, type Row } from "./model";

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const LABEL: Record<Decision, string> = Object.fromEntries(DECISIONS.map((d) => [d.id, d.label])) as Record<Decision, string>;

export function renderSummary(ds: DaemonSetPlan, rows: Row[]): string {
  const count = (d: Decision) => rows.filter((r) => r.decision === d).length;
  const s = ds.summary;
  return (
    DECISIONS.map((d) => `<span class="pill ${d.id}" data-count="${d.id}">${count(d.id)} ${LABEL[d.id]}</span>`).join("") +
    `<span class="counters">desired ${s.desiredNumberScheduled} · current ${s.currentNumberScheduled} · misscheduled ${s.numberMisscheduled} · creates ${s.creates} · deletes ${s.deletes} · pending ${s.pending}</span>`
  );
}

export function renderGrid(rows: Row[], selected: string | undefined): string {
  return rows
    .map(
      (r) =>
        `<button class="tile ${r.decision}${r.plan.node === selected ? " selected" : ""}" data-node="${esc(r.plan.node)}" data-decision="${r.decision}" title="${esc(r.plan.node)}: ${esc(LABEL[r.decision])}${r.reason ? " — " + esc(r.reason) : ""}"></button>`,
    )
    .join("");
}

export function renderTable(rows: Row[], selected: string | undefined): string {
  const body = rows
    .map(
      (r) =>
        `<tr data-node="${esc(r.plan.node)}" class="${r.plan.node === selected ? "selected" : ""}"><td><span class="dot ${r.decision}"></span>${esc(r.plan.node)}</td><td>${esc(r.pool)}</td><td class="decision">${esc(LABEL[r.decision])}</td><td>${esc(r.plan.action)}</td><td class="reason">${esc(r.plan.reasons.join("; "))}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th data-sort="name">node</th><th data-sort="pool">pool</th><th data-sort="decision">decision</th><th>action</th><th data-sort="reason">reason</th></tr></thead><tbody>${body}</tbody></table>`;
}

export function renderDetails(row: Row): string {
  const n = row.plan;
  const info = row.info;
  const list = (items: string[], empty: string) =>
    items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>` : `<p class="muted">${esc(empty)}</p>`;
  const requests = n.details.filter((d) => d.kind === "insufficientResource");
  const resourceTable = requests.length
    ? `<table class="resources"><thead><tr><th>resource</th><th>requested</th><th>used</th><th>free</th><th>allocatable</th></tr></thead><tbody>${requests
        .map((d) => `<tr><td>${esc(d.resource)}</td><td>${d.requested}</td><td>${d.used}</td><td>${d.allocatable - d.used}</td><td>${d.allocatable}</td></tr>`)
        .join("")}</tbody></table><p class="muted">cpu in millicores, everything else in whole units.</p>`
    : "";
  const labels = Object.entries(info?.labels ?? {}).map(([k, v]) => `${k}=${v}`);
  const taints = (info?.taints ?? []).map((t) => (t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`));
  return `
    <h2><span class="dot ${row.decision}"></span>${esc(n.node)}</h2>
    <p class="verdict ${row.decision}">${esc(LABEL[row.decision])} · action <b>${esc(n.action)}</b></p>
    <dl>
      <dt>controller</dt><dd>${esc(n.controllerDecision)} (shouldRun ${n.shouldRun}, shouldContinueRunning ${n.shouldContinueRunning})</dd>
      <dt>scheduler</dt><dd>${n.schedulable === null ? "not evaluated" : n.schedulable ? "schedulable" : "unschedulable"}</dd>
      <dt>pool</dt><dd>${esc(row.pool)}${info?.unschedulable ? " · cordoned" : ""}</dd>
    </dl>
    <h3>Reasons</h3>${list(n.reasons, "none: the pod runs here")}
    <h3>Why</h3>${list(n.details.map(describe), "no details")}${resourceTable}
    <h3>Taints</h3>${list(taints, "no taints")}
    <h3>Pods of this DaemonSet</h3>${list(n.pods, "none")}
    ${n.deletePods.length ? `<h3>Deleted</h3>${list(n.deletePods, "")}` : ""}
    ${n.events.length ? `<h3>Events</h3>${list(n.events.map((e) => `${e.type} ${e.reason}: ${e.message}`), "")}` : ""}
    <details><summary>Labels (${labels.length})</summary>${list(labels, "no labels")}</details>`;
}

/** The rollout: budget, `kubectl rollout status`, one row per sync that acts, stuck nodes. */
export function renderRollout(r: DaemonSetRollout): string {
  const nodes = (list: string[]) => list.map((n) => `<span class="node-ref" data-node="${esc(n)}">${esc(n)}</span>`).join(" ");
  const steps = r.steps
    .map(
      (s) =>
        `<tr><td>${s.index}</td><td>${s.atSeconds}s</td><td>${nodes(s.create)}</td><td>${nodes(s.delete)}</td><td class="${s.unavailable > (r.maxUnavailable ?? Infinity) ? "over" : ""}">${s.unavailable}</td><td>${s.surge}</td></tr>`,
    )
    .join("");
  const stuck = r.stuck.length
    ? `<h3>Stuck</h3><ul class="stuck">${r.stuck.map((s) => `<li><b data-node="${esc(s.node)}">${esc(s.node)}</b>: ${esc(s.reason)}</li>`).join("")}</ul>`
    : "";
  return `
    <p><b>${esc(r.strategy)}</b> · maxUnavailable ${r.maxUnavailable ?? "–"} · maxSurge ${r.maxSurge ?? "–"} · ${r.syncs} syncs ·
      ${r.completedAtSeconds === null ? `<span class="bad">never completes</span>` : `completes at ${r.completedAtSeconds}s`}</p>
    <pre class="rollout-status">${esc(r.rolloutStatus)}</pre>
    ${stuck}
    <table><thead><tr><th>step</th><th>at</th><th>create</th><th>delete</th><th>unavailable</th><th>surge</th></tr></thead><tbody>${steps || `<tr><td colspan="6" class="muted">no step: nothing to update</td></tr>`}</tbody></table>
    ${r.errors.length ? `<h3>Controller errors</h3><ul>${r.errors.map((e) => `<li>${esc(e)}</li>`).join("")}</ul>` : ""}`;
}
