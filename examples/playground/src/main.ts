// The playground page: wires the editors, the planner, the node views and the URL together.
import "./style.css";
import type { EditorView } from "codemirror";
import { createEditor, setText, showError } from "./editors";
import { CLUSTERS, DAEMONSETS, DEFAULT_CLUSTER, DEFAULT_DAEMONSET } from "./examples";
import { DAEMONSET_FILE, SNAPSHOT_FILE, isDsplanError, load, run, runRollout, type Outcome } from "./engine";
import { DECISIONS, matches, rowsOf, sortRows, type Decision, type Filter, type Row, type SortKey } from "./model";
import { decode, encode, type State } from "./share";
import { renderDetails, renderGrid, renderRollout, renderSummary, renderTable } from "./view";

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const clusterSelect = $<HTMLSelectElement>("cluster");
const daemonSetSelect = $<HTMLSelectElement>("example");
const dsSelect = $<HTMLSelectElement>("daemonset-select");
const filterInput = $<HTMLInputElement>("filter");
const poolSelect = $<HTMLSelectElement>("pool");
const sortSelect = $<HTMLSelectElement>("sort");
const status = $("status");
const errorBox = $("error");

let outcome: Outcome | undefined;
let rows: Row[] = [];
let selectedDs: string | undefined;
let selectedNode: string | undefined;
let proposedKeys: string | undefined;
const filter: Filter = { text: "", pool: "", decisions: new Set(DECISIONS.map((d) => d.id)), sort: "input" };
// While an example is being loaded, editor changes do not mark it as edited.
let loading = false;

let timer: number | undefined;
const schedule = () => {
  if (!loading) {
    if (clusterSelect.value && snapshotView.state.doc.toString() !== textOf(CLUSTERS, clusterSelect.value)) clusterSelect.value = "";
    if (daemonSetSelect.value && daemonSetView.state.doc.toString() !== textOf(DAEMONSETS, daemonSetSelect.value)) daemonSetSelect.value = "";
  }
  window.clearTimeout(timer);
  timer = window.setTimeout(replan, 150);
};
const snapshotView = createEditor($("snapshot-editor"), "Cluster snapshot YAML", schedule);
const daemonSetView = createEditor($("daemonset-editor"), "DaemonSet YAML", schedule);

function textOf(list: { id: string; text: string }[], id: string): string | undefined {
  return list.find((e) => e.id === id)?.text;
}

function fillSelect(select: HTMLSelectElement, list: { id: string }[], customLabel: string) {
  select.innerHTML = `<option value="">${customLabel}</option>` + list.map((e) => `<option value="${e.id}">${e.id}</option>`).join("");
}

function setEditor(view: EditorView, text: string) {
  loading = true;
  setText(view, text);
  loading = false;
}

function replan() {
  window.clearTimeout(timer);
  const t0 = performance.now();
  try {
    outcome = run(snapshotView.state.doc.toString(), daemonSetView.state.doc.toString());
  } catch (e) {
    showFailure(e);
    return;
  }
  errorBox.hidden = true;
  document.body.classList.remove("stale");
  showError(snapshotView, undefined);
  showError(daemonSetView, undefined);
  const keys = outcome.report.daemonSets.map((d) => `${d.namespace}/${d.name}`);
  // When the DaemonSet editor names other DaemonSets, show the first of them; otherwise keep
  // the choice (which the URL may have restored).
  const proposed = outcome.proposed.join("\n");
  if (proposedKeys !== undefined && proposed !== proposedKeys) selectedDs = outcome.proposed[0];
  proposedKeys = proposed;
  if (!selectedDs || !keys.includes(selectedDs)) selectedDs = outcome.proposed[0] ?? keys[keys.length - 1];
  dsSelect.innerHTML = keys.map((k) => `<option${k === selectedDs ? " selected" : ""}>${k}</option>`).join("");
  render();
  $("rollout").hidden = true;
  const total = performance.now() - t0;
  status.dataset.runs = String(Number(status.dataset.runs ?? 0) + 1);
  status.dataset.planMs = outcome.planMs.toFixed(1);
  status.dataset.totalMs = total.toFixed(1);
  status.dataset.nodes = String(outcome.nodes.length);
  status.textContent = `${outcome.nodes.length} nodes, ${keys.length} DaemonSet(s): planned in ${outcome.planMs.toFixed(0)} ms, shown in ${total.toFixed(0)} ms`;
  for (const note of outcome.report.notes) status.textContent += ` · ${note}`;
  saveUrl();
}

function showFailure(e: unknown) {
  document.body.classList.add("stale");
  errorBox.hidden = false;
  if (!isDsplanError(e)) {
    errorBox.textContent = String(e);
    return;
  }
  errorBox.textContent = e.message;
  errorBox.dataset.code = e.code;
  errorBox.dataset.file = e.file ?? "";
  errorBox.dataset.line = e.line === null ? "" : String(e.line);
  const target = e.file === DAEMONSET_FILE ? daemonSetView : e.file === SNAPSHOT_FILE ? snapshotView : undefined;
  showError(snapshotView, target === snapshotView ? e : undefined);
  showError(daemonSetView, target === daemonSetView ? e : undefined);
  status.textContent = "error: the view shows the last good plan";
  status.dataset.runs = String(Number(status.dataset.runs ?? 0) + 1);
}

function render() {
  if (!outcome) return;
  const ds = outcome.report.daemonSets.find((d) => `${d.namespace}/${d.name}` === selectedDs);
  const infos = new Map(outcome.nodes.map((n) => [n.name, n]));
  rows = ds ? rowsOf(ds.nodes, infos) : [];
  const pools = [...new Set(rows.map((r) => r.pool))].sort();
  if (filter.pool && !pools.includes(filter.pool)) filter.pool = "";
  poolSelect.innerHTML = `<option value="">all pools</option>` + pools.map((p) => `<option${p === filter.pool ? " selected" : ""}>${p}</option>`).join("");
  const shown = sortRows(rows.filter((r) => matches(r, filter)), filter.sort);
  $("summary").innerHTML = ds ? renderSummary(ds, rows) : `<span class="muted">No DaemonSet in the inputs.</span>`;
  $("grid").innerHTML = renderGrid(shown, selectedNode);
  $("table").innerHTML = renderTable(shown, selectedNode);
  $("shown").textContent = `${shown.length} of ${rows.length} nodes`;
  renderSelected();
}

function renderSelected() {
  const panel = $("details");
  const row = rows.find((r) => r.plan.node === selectedNode);
  panel.hidden = !row;
  if (row) panel.innerHTML = renderDetails(row);
  for (const el of document.querySelectorAll<HTMLElement>("[data-node].selected")) el.classList.remove("selected");
  if (row) for (const el of document.querySelectorAll<HTMLElement>(`[data-node="${CSS.escape(row.plan.node)}"]`)) el.classList.add("selected");
}

function select(node: string | undefined) {
  selectedNode = node;
  renderSelected();
}

// --- rollout -------------------------------------------------------------------------------------
function showRollout() {
  const panel = $("rollout");
  try {
    const report = runRollout(snapshotView.state.doc.toString(), daemonSetView.state.doc.toString());
    const r = report.daemonSets.find((d) => `${d.namespace}/${d.name}` === selectedDs);
    panel.innerHTML = r ? `<h2>Rollout of ${selectedDs}</h2>` + renderRollout(r) : `<p class="muted">No rollout for ${selectedDs}.</p>`;
    const stuck = new Set(r?.stuck.map((s) => s.node) ?? []);
    for (const tile of document.querySelectorAll<HTMLElement>("#grid .tile")) tile.classList.toggle("stuck", stuck.has(tile.dataset.node ?? ""));
  } catch (e) {
    showFailure(e);
    panel.innerHTML = "";
  }
  panel.hidden = false;
}
$("run-rollout").addEventListener("click", showRollout);
$("rollout").addEventListener("click", (e) => {
  const el = (e.target as HTMLElement).closest<HTMLElement>("[data-node]");
  if (el) select(el.dataset.node);
});

// --- URL state ---------------------------------------------------------------------------------
function currentState(): State {
  const s: State = {};
  if (clusterSelect.value) s.cluster = clusterSelect.value;
  else s.snapshot = snapshotView.state.doc.toString();
  if (daemonSetSelect.value) s.example = daemonSetSelect.value;
  else s.daemonSet = daemonSetView.state.doc.toString();
  if (selectedDs) s.selected = selectedDs;
  if (filter.text) s.filter = filter.text;
  if (filter.pool) s.pool = filter.pool;
  if (filter.sort !== "input") s.sort = filter.sort;
  return s;
}
function saveUrl() {
  history.replaceState(null, "", encode(currentState()));
}
function applyState(s: State) {
  clusterSelect.value = s.cluster && textOf(CLUSTERS, s.cluster) !== undefined ? s.cluster : "";
  daemonSetSelect.value = s.example && textOf(DAEMONSETS, s.example) !== undefined ? s.example : "";
  setEditor(snapshotView, clusterSelect.value ? textOf(CLUSTERS, clusterSelect.value)! : (s.snapshot ?? ""));
  setEditor(daemonSetView, daemonSetSelect.value ? textOf(DAEMONSETS, daemonSetSelect.value)! : (s.daemonSet ?? ""));
  selectedDs = s.selected;
  filter.text = filterInput.value = s.filter ?? "";
  filter.pool = s.pool ?? "";
  filter.sort = (s.sort as SortKey | undefined) ?? "input";
  sortSelect.value = filter.sort;
}

// --- controls ----------------------------------------------------------------------------------
fillSelect(clusterSelect, CLUSTERS, "(edited snapshot)");
fillSelect(daemonSetSelect, DAEMONSETS, "(edited DaemonSet)");
clusterSelect.addEventListener("change", () => {
  if (!clusterSelect.value) return;
  setEditor(snapshotView, textOf(CLUSTERS, clusterSelect.value)!);
  selectedNode = undefined;
  replan();
});
daemonSetSelect.addEventListener("change", () => {
  if (!daemonSetSelect.value) return;
  setEditor(daemonSetView, textOf(DAEMONSETS, daemonSetSelect.value)!);
  selectedDs = undefined;
  replan();
});
dsSelect.addEventListener("change", () => {
  selectedDs = dsSelect.value;
  render();
  saveUrl();
});
filterInput.addEventListener("input", () => {
  filter.text = filterInput.value;
  render();
  saveUrl();
});
poolSelect.addEventListener("change", () => {
  filter.pool = poolSelect.value;
  render();
  saveUrl();
});
sortSelect.addEventListener("change", () => {
  filter.sort = sortSelect.value as SortKey;
  render();
  saveUrl();
});
$("decisions").innerHTML = DECISIONS.map(
  (d) => `<label class="chip ${d.id}"><input type="checkbox" value="${d.id}" checked> ${d.label}</label>`,
).join("");
$("decisions").addEventListener("change", (e) => {
  const box = e.target as HTMLInputElement;
  if (box.checked) filter.decisions.add(box.value as Decision);
  else filter.decisions.delete(box.value as Decision);
  render();
});
for (const id of ["grid", "table"]) {
  $(id).addEventListener("click", (e) => {
    const th = (e.target as HTMLElement).closest<HTMLElement>("th[data-sort]");
    if (th) {
      filter.sort = sortSelect.value = th.dataset.sort as SortKey;
      render();
      saveUrl();
      return;
    }
    const el = (e.target as HTMLElement).closest<HTMLElement>("[data-node]");
    if (el) select(el.dataset.node);
  });
}
$("share").addEventListener("click", async () => {
  saveUrl();
  try {
    await navigator.clipboard.writeText(location.href);
    $("share").textContent = "Link copied";
  } catch {
    $("share").textContent = "Link in address bar";
  }
  window.setTimeout(() => ($("share").textContent = "Copy link"), 2000);
});

// Open or drop files onto an editor.
function acceptFiles(input: HTMLInputElement, dropZone: HTMLElement, view: EditorView, select: HTMLSelectElement) {
  const read = async (file: File | undefined) => {
    if (!file) return;
    select.value = "";
    setEditor(view, await file.text());
    replan();
  };
  input.addEventListener("change", () => {
    void read(input.files?.[0]);
    // So that opening the same file again (after editing it on disk) reads it again.
    input.value = "";
  });
  dropZone.addEventListener("dragover", (e) => e.preventDefault());
  dropZone.addEventListener("drop", (e) => {
    e.preventDefault();
    void read(e.dataTransfer?.files[0]);
  });
}
acceptFiles($("snapshot-file"), $("snapshot-pane"), snapshotView, clusterSelect);
acceptFiles($("daemonset-file"), $("daemonset-pane"), daemonSetView, daemonSetSelect);

// --- start -------------------------------------------------------------------------------------
const version = await load();
$("version").textContent = `dsplan ${version.dsplan} · Kubernetes ${version.kubernetes}`;
applyState(decode(location.hash) ?? { cluster: DEFAULT_CLUSTER, example: DEFAULT_DAEMONSET });
replan();
document.body.dataset.ready = "true";

if (import.meta.env.PROD && "serviceWorker" in navigator) {
  void navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`);
}
