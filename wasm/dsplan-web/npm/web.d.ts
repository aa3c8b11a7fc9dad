// @dsplan/web/web: the browser build (ES module). Call `init()` once before `plan`/`version`.
export * from "./index";

/** Loads the WebAssembly module; by default fetches `dsplan_web_bg.wasm` next to this file. */
export default function init(
  input?: { module_or_path: RequestInfo | URL | Response | BufferSource | WebAssembly.Module },
): Promise<unknown>;

/** Instantiates an already fetched module synchronously. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;
