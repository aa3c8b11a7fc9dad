// Types of @dsplan/node. The report types mirror crates/dsplan-core/src/report.rs; names are
// the JSON wire names (camelCase), exactly what `dsplan plan -o json` prints.

export type Role = "snapshot" | "proposed";

/** One input file: a cluster snapshot or proposed DaemonSets, YAML or JSON. */
export interface Document {
  /** Appears in errors, e.g. `nodes.yaml`. */
  name: string;
  /** The whole file. */
  text: string;
  role: Role;
}

/** Feature gates applied in the order written. */
export type FeatureGates = Record<string, boolean>;

export type ControllerDecision =
  | "Run"
  | "NodeNameMismatch"
  | "NodeAffinityMismatch"
  | "UntoleratedNoExecuteTaint"
  | "UntoleratedNoScheduleTaint";

export type Action = "create" | "delete" | "keep" | "none";

export interface Event {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

export type Detail =
  | { kind: "nodeNameMismatch"; wanted: string }
  | { kind: "nodeSelectorMismatch"; key: string; want: string; have: string | null }
  | { kind: "nodeAffinityTermsMismatch"; terms: number; invalid: string[] }
  | { kind: "untoleratedTaint"; key: string; value: string; effect: string }
  | { kind: "tooManyPods"; pods: number; allowed: number }
  | { kind: "insufficientResource"; resource: string; requested: number; used: number; allocatable: number }
  | { kind: "hostPortConflict"; protocol: string; hostIp: string; port: number; usedBy: string };

export interface NodePlan {
  node: string;
  shouldRun: boolean;
  shouldContinueRunning: boolean;
  controllerDecision: ControllerDecision;
  /** `null` when no pod is created here or the template sets `nodeName`. */
  schedulable: boolean | null;
  reasons: string[];
  action: Action;
  creates: number;
  deletePods: string[];
  pods: string[];
  details: Detail[];
  events: Event[];
}

export interface PlanSummary {
  nodes: number;
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  numberAvailable: number;
  updatedNumberScheduled: number;
  numberUnavailable: number;
  creates: number;
  deletes: number;
  pending: number;
}

export interface DaemonSetPlan {
  namespace: string;
  name: string;
  summary: PlanSummary;
  nodes: NodePlan[];
  deletePodsWithoutNode: string[];
  events: Event[];
}

export interface PlanReport {
  daemonSets: DaemonSetPlan[];
  notes: string[];
}

export interface VersionInfo {
  dsplan: string;
  kubernetes: string;
  featureGates: Record<string, unknown>;
}

/**
 * ABI codes (`invalid-input`, `invalid-option`, `invalid-request`, `unknown-function`,
 * `internal`) and the SDK's own `trap` and `load`.
 */
export type ErrorCode =
  | "invalid-input"
  | "invalid-option"
  | "invalid-request"
  | "unknown-function"
  | "internal"
  | "trap"
  | "load"
  | (string & {});

export interface DsplanErrorFields {
  code: ErrorCode;
  message: string;
  file?: string | null;
  document?: number | null;
  object?: string | null;
  path?: string | null;
  line?: number | null;
  column?: number | null;
}

export class DsplanError extends Error {
  constructor(fields: DsplanErrorFields);
  readonly code: ErrorCode;
  readonly file: string | null;
  readonly document: number | null;
  readonly object: string | null;
  readonly path: string | null;
  readonly line: number | null;
  readonly column: number | null;
}

export interface CreateOptions {
  /** Path of `dsplan.core.wasm`; default `$DSPLAN_WASM`, the packaged copy, or the repo's `dist/`. */
  wasmPath?: string;
}

export class Planner {
  private constructor(module: WebAssembly.Module);
  /** Read and compile the Wasm module once; reuse the planner for every call. */
  static create(options?: CreateOptions): Promise<Planner>;
  /** A planner over an already compiled module (e.g. posted to a worker thread). */
  static fromModule(module: WebAssembly.Module): Planner;
  readonly module: WebAssembly.Module;
  /** The typed plan report. Throws `DsplanError`. */
  plan(documents: Document[], featureGates?: FeatureGates | null): PlanReport;
  /** The plan report's exact JSON text, byte-identical to `dsplan plan -o json`. */
  planJson(documents: Document[], featureGates?: FeatureGates | null): string;
  version(): VersionInfo;
}

export function locateWasm(explicit?: string): string;

/** Documents read from files: snapshot files first, then proposed DaemonSets. */
export function documentsFromFiles(snapshot: string[], proposed?: string[]): Promise<Document[]>;
