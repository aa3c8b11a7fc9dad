// Shareable state: the whole input in the URL fragment, lz-string compressed. A bundled example
// left unedited is stored by name only, so most links stay short.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";

export interface State {
  /** Bundled cluster id, or the snapshot text itself. */
  cluster?: string;
  snapshot?: string;
  /** Bundled DaemonSet id, or the manifest text itself. */
  example?: string;
  daemonSet?: string;
  /** Selected DaemonSet (`namespace/name`), filter text, pool and sort. */
  selected?: string;
  filter?: string;
  pool?: string;
  sort?: string;
}

export function encode(state: State): string {
  return "#s=" + compressToEncodedURIComponent(JSON.stringify(state));
}

/** The state in `hash`, or undefined when there is none or it is damaged. */
export function decode(hash: string): State | undefined {
  const m = /^#s=(.+)$/.exec(hash);
  if (!m) return undefined;
  const json = decompressFromEncodedURIComponent(m[1]);
  if (!json) return undefined;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === "object" && value !== null ? (value as State) : undefined;
  } catch {
    return undefined;
  }
}
