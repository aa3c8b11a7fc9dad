// A controller-shaped loop: re-plan whenever an input file changes, act on the difference.
//
//   node controller.js --snapshot cluster.yaml --daemonset ds.yaml [--interval 2] [--once]
//
// A real controller would feed the snapshot from informers; the files stand in for them. The
// planner is created once (one compile); every reconcile is one synchronous `plan` call.
import { statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { DsplanError, Planner, documentsFromFiles } from "@dsplan/node";

const { values: args } = parseArgs({
  options: {
    snapshot: { type: "string", multiple: true },
    daemonset: { type: "string", multiple: true, default: [] },
    interval: { type: "string", default: "2" },
    once: { type: "boolean", default: false },
  },
});
if (!args.snapshot) throw new Error("--snapshot is required");

/** `namespace/name` -> "desired D, create C, delete X": what this sync would do. */
function summarize(report) {
  return new Map(
    report.daemonSets.map((ds) => [
      `${ds.namespace}/${ds.name}`,
      `desired ${ds.summary.desiredNumberScheduled}, create ${ds.summary.creates}, delete ${ds.summary.deletes}`,
    ]),
  );
}

async function reconcile(planner, last) {
  let report;
  try {
    report = planner.plan(await documentsFromFiles(args.snapshot, args.daemonset));
  } catch (e) {
    if (!(e instanceof DsplanError)) throw e;
    console.log(`not planning: ${e}`); // keep the last good answer; wait for a fixed input
    return last;
  }
  const current = summarize(report);
  for (const [key, what] of current) if (last.get(key) !== what) console.log(`${key}: ${what}`);
  for (const key of last.keys()) if (!current.has(key)) console.log(`${key}: no longer proposed`);
  return current;
}

const planner = await Planner.create();
const files = [...args.snapshot, ...args.daemonset];
let seen = "";
let last = new Map();
for (;;) {
  const stamps = files.map((f) => statSync(f).mtimeMs).join(",");
  if (stamps !== seen) {
    seen = stamps;
    last = await reconcile(planner, last);
  }
  if (args.once) break;
  await sleep(Number(args.interval) * 1000);
}
