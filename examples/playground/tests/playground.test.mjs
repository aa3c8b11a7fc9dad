// End-to-end: the built playground (dist/, served by `vite preview` on 127.0.0.1) driven in
// Debian's headless Chromium through playwright-core, the way a person uses it. Screenshots go to
// test-artifacts/. Run `npm run build` first (scripts/test-web.sh does).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { preview } from "vite";
import bigClusterModule from "../../../wasm/dsplan-web/npm/test/big-cluster.js";

const { bigCluster, AGENT } = bigClusterModule;

const root = fileURLToPath(new URL("..", import.meta.url));
const artifacts = join(root, "test-artifacts");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

let server, context, page, base, userDataDir;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = await preview({ root, logLevel: "error", preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false } });
  base = server.resolvedUrls.local[0];
  userDataDir = mkdtempSync(join(tmpdir(), "dsplan-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (e) => console.error("page error:", e));
});

after(async () => {
  await context?.close();
  await server?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

const shot = (name, fullPage = true) => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage });
const ready = () => page.waitForSelector("body[data-ready=true]");
const tiles = (decision) => page.locator(`#grid .tile[data-decision=${decision}]`).count();

/** Replaces an editor's whole text the way a paste does. */
async function paste(editor, text) {
  await page.click(`${editor} .cm-content`);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}

/** Runs `action` and waits until the page has planned again (the status line counts runs). */
async function replanned(action) {
  const runs = await page.locator("#status").getAttribute("data-runs");
  await action();
  await page.waitForFunction((r) => document.querySelector("#status")?.dataset.runs !== r, runs);
}

const GPU_MONITOR = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: gpu-monitor
  namespace: monitoring
spec:
  selector:
    matchLabels: {app: gpu-monitor}
  template:
    metadata:
      labels: {app: gpu-monitor}
    spec:
      tolerations:
      - key: nvidia.com/gpu
        operator: Exists
        effect: NoSchedule
      containers:
      - name: monitor
        image: example.com/gpu-monitor:1.0
`;

test("the default example shows the GPU device plugin update on the GPU cluster", async () => {
  await page.goto(base);
  await ready();
  assert.equal(await page.locator("#cluster").inputValue(), "cloud-gpu-spot");
  assert.equal(await page.locator("#grid .tile").count(), 11);
  // examples/README.md: runs on the 3 GPU nodes; the 4 general nodes lose their old pods;
  // the 4 spot nodes are an affinity mismatch.
  assert.equal(await tiles("runs"), 3);
  assert.equal(await tiles("toDelete"), 4);
  assert.equal(await tiles("wontRun"), 4);
  await shot("01-default-example");
});

test("a pasted DaemonSet tolerating the GPU taint runs on the general and GPU nodes", async () => {
  await replanned(() => paste("#daemonset-editor", GPU_MONITOR));
  assert.equal(await page.locator("#daemonset-select").inputValue(), "monitoring/gpu-monitor");
  assert.equal(await page.locator("#example").inputValue(), "", "an edited DaemonSet is no longer the example");
  assert.equal(await tiles("runs"), 7);
  assert.equal(await tiles("wontRun"), 4);
  assert.equal(await tiles("pending"), 0);
  for (const node of ["ip-10-42-24-66", "ip-10-42-60-131", "ip-10-42-77-12"]) {
    const tile = page.locator(`#grid .tile[data-node^="${node}."]`);
    assert.equal(await tile.getAttribute("data-decision"), "runs", node);
  }
  await shot("02-gpu-toleration");
});

test("filtering by pool and clicking a node shows why it gets no pod", async () => {
  await page.selectOption("#pool", "spot");
  assert.equal(await page.locator("#table tbody tr").count(), 4);
  await page.locator("#table tbody tr").first().click();
  const details = page.locator("#details");
  await details.waitFor();
  const text = await details.textContent();
  assert.match(text, /won't run/);
  assert.match(text, /UntoleratedNoScheduleTaint/);
  assert.match(text, /node\(s\) had untolerated taint\(s\)|untolerated taint/);
  assert.match(text, /taint spot=true:NoSchedule is not tolerated/);
  await shot("03-node-reasons");
  await page.selectOption("#pool", "");
  await page.fill("#filter", "karpenter.sh/capacity-type=spot");
  assert.equal(await page.locator("#table tbody tr").count(), 4);
  await page.fill("#filter", "");
});

test("bad YAML marks the line in the editor and the page keeps working", async () => {
  const broken = GPU_MONITOR.replace("      containers:", "      containers: [");
  await paste("#daemonset-editor", broken);
  const error = page.locator("#error");
  await error.waitFor({ state: "visible" });
  const brokenLine = broken.split("\n").findIndex((l) => l.includes("containers: [")) + 1;
  const line = Number(await error.getAttribute("data-line"));
  assert.ok(line >= brokenLine && line <= brokenLine + 3, `error at line ${line}, broken line ${brokenLine}`);
  assert.equal(await error.getAttribute("data-file"), "daemonset.yaml");
  assert.match(await error.textContent(), new RegExp(`^daemonset.yaml:${line}`));
  // A lint marker in the gutter on that line, and the text underlined.
  await page.locator("#daemonset-editor .cm-lint-marker-error").waitFor();
  assert.ok((await page.locator("#daemonset-editor .cm-lintRange-error").count()) >= 1);
  assert.equal(await tiles("runs"), 7, "the last good plan stays on screen");
  await shot("04-bad-yaml");
  await replanned(() => paste("#daemonset-editor", GPU_MONITOR));
  assert.ok(await error.isHidden());
  assert.equal(await page.locator("#daemonset-editor .cm-lint-marker-error").count(), 0);
  assert.equal(await tiles("runs"), 7);
});

test("the URL carries the state: a reload shows the same plan", async () => {
  const url = page.url();
  assert.match(url, /#s=/);
  await page.goto("about:blank");
  await page.goto(url);
  await ready();
  assert.equal(await page.locator("#daemonset-select").inputValue(), "monitoring/gpu-monitor");
  assert.equal(await tiles("runs"), 7);
});

test("the fluentd v2 rollout on kubeadm shows its steps and the node it is stuck on", async () => {
  await page.goto(base);
  await ready();
  await replanned(() => page.selectOption("#cluster", "kubeadm"));
  await replanned(() => page.selectOption("#example", "fluentd-elasticsearch-v2"));
  assert.equal(await page.locator("#daemonset-select").inputValue(), "kube-system/fluentd-elasticsearch");
  await page.click("#run-rollout");
  const panel = page.locator("#rollout");
  await panel.waitFor();
  // examples/README.md: the new pod on worker-02 stays Pending and the rollout stalls there.
  assert.match(await panel.locator("ul.stuck").textContent(), /k8s-worker-02/);
  assert.ok((await panel.locator("tbody tr").count()) >= 2, "several steps");
  assert.match(await page.locator('#grid .tile[data-node="k8s-worker-02"]').getAttribute("class"), /stuck/);
  await panel.locator('ul.stuck [data-node="k8s-worker-02"]').click();
  assert.match(await page.locator("#details h2").textContent(), /k8s-worker-02/);
  await shot("05-rollout");
});

test("a 500-node snapshot plans and renders in well under a second", async () => {
  await page.goto(base);
  await ready();
  const file = join(artifacts, "cluster-500.yaml");
  writeFileSync(file, bigCluster(500));
  await paste("#daemonset-editor", AGENT);
  await replanned(() => page.setInputFiles("#snapshot-file", file));
  assert.equal(await page.locator("#grid .tile").count(), 500);
  assert.equal(await tiles("wontRun"), 50, "one node in ten has an untolerated taint");
  assert.equal(await tiles("pending"), 20, "one node in 25 has 50m cpu");
  // Re-plan a few times and keep the slowest, from input to updated DOM.
  const times = [];
  for (let i = 0; i < 5; i++) {
    await replanned(() => page.setInputFiles("#snapshot-file", file));
    times.push(Number(await page.locator("#status").getAttribute("data-total-ms")));
  }
  const plan = Number(await page.locator("#status").getAttribute("data-plan-ms"));
  console.log(`500 nodes: plan ${plan} ms, plan+render ${times.join(", ")} ms`);
  writeFileSync(join(artifacts, "timings.json"), JSON.stringify({ nodes: 500, planMs: plan, totalMs: times }, null, 2));
  assert.ok(Math.max(...times) < 500, `slowest update ${Math.max(...times)} ms`);
  await shot("06-500-nodes", false);
});

test("once loaded, the page works offline", async () => {
  await page.goto(base);
  await ready();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await ready();
  await context.setOffline(true);
  try {
    await page.reload();
    await ready();
    assert.equal(await page.locator("#grid .tile").count(), 11);
    await shot("07-offline");
  } finally {
    await context.setOffline(false);
  }
});
