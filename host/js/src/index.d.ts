// Types of @dsplan/node. The report types mirror crates/dsplan-core/src/report.rs (plan),
// crates/dsplan-rollout/src/report.rs (rollout), crates/dsplan-policy/src/finding.rs (check) and
// crates/dsplan-engine/src/validate.rs (validate); names are the JSON wire names (camelCase),
// exactly what `dsplan <command> -o json` prints.

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

/** Pod lifecycle latencies the rollout timeline assumes, seconds (all three). */
export interface Timing {
  podStartSeconds: number;
  readinessSeconds: number;
  terminationSeconds: number;
}

/** A policy file for `check`: its name (shown in errors) and its YAML or JSON text. */
export interface Policy {
  name: string;
  text: string;
}

/** apps/v1 DaemonSetStatus counters. */
export interface DaemonSetStatus {
  desiredNumberScheduled: number;
  currentNumberScheduled: number;
  numberMisscheduled: number;
  numberReady: number;
  updatedNumberScheduled: number;
  numberAvailable: number;
  numberUnavailable: number;
  observedGeneration: number;
}

export interface RolloutStep {
  index: number;
  /** Seconds since the snapshot. */
  atSeconds: number;
  /** Nodes that get a new pod. */
  create: string[];
  /** Nodes that lose a pod (one entry per deleted pod). */
  delete: string[];
  unavailable: number;
  surge: number;
}

export interface DaemonSetRollout {
  namespace: string;
  name: string;
  strategy: "RollingUpdate" | "OnDelete";
  /** Resolved against the desired node count; `null` for OnDelete or when unresolvable. */
  maxUnavailable: number | null;
  maxSurge: number | null;
  /** The revision pods are compared against. */
  revision: {
    hash: string;
    generation: number | null;
    source: "controllerRevision" | "dsplanHash" | "podLabels" | "generationOnly";
    number: number | null;
  };
  /** Status before the controller acts. */
  status: DaemonSetStatus;
  /** The line `kubectl rollout status` prints, newline included. */
  rolloutStatus: string;
  rolloutDone: boolean;
  /** Every sync that creates or deletes pods, in order. */
  steps: RolloutStep[];
  /** Nodes the rollout does not finish on. */
  stuck: { node: string; reason: string }[];
  finalStatus: DaemonSetStatus;
  /** When `kubectl rollout status` first reports success; `null` if never. */
  completedAtSeconds: number | null;
  syncs: number;
  settled: boolean;
  errors: string[];
  onDelete: { message: string; replacedWhenDeleted: string[] } | null;
  notes: string[];
}

export interface RolloutReport {
  /** Snapshot DaemonSets in input order, then proposed DaemonSets not in the snapshot. */
  daemonSets: DaemonSetRollout[];
  notes: string[];
}

export type Severity = "error" | "warning";

export interface DaemonSetRef {
  namespace: string;
  name: string;
}

export interface Finding {
  rule: string;
  /** The rule's check kind (`coverage`, `fit`, ...). */
  kind: string;
  severity: Severity;
  /** `null` for a family gap (no member runs there). */
  daemonSet: DaemonSetRef | null;
  nodes: string[];
  /** What is wrong, in one line. */
  message: string;
  /** What to change, in one line. */
  fix: string;
  location: { file: string; line: number | null } | null;
}

export interface Evaluation {
  rule: string;
  kind: string;
  severity: Severity;
  daemonSet: DaemonSetRef | null;
}

export interface CheckReport {
  /** The policy's name. */
  policy: string;
  /** Every (rule, DaemonSet) pair evaluated. */
  evaluations: Evaluation[];
  /** Every failure. */
  findings: Finding[];
  notes: string[];
}

export interface ObjectValidation {
  kind: string;
  namespace: string;
  name: string;
  /** Whether the API server would accept it. */
  valid: boolean;
  /** `<field path>: <message>`, the API server's text. */
  errors: string[];
  file: string;
  line: number | null;
}

export interface ValidationReport {
  /** One entry per DaemonSet, in input order. */
  objects: ObjectValidation[];
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
  /** Each DaemonSet's update simulated sync by sync; `timing` defaults to the CLI's. */
  rollout(documents: Document[], featureGates?: FeatureGates | null, timing?: Timing | null): RolloutReport;
  /** The rollout report's exact JSON text. */
  rolloutJson(documents: Document[], featureGates?: FeatureGates | null, timing?: Timing | null): string;
  /** `policy` (default: the built-in policy) against the plan and the rollout. */
  check(
    documents: Document[],
    policy?: Policy | null,
    featureGates?: FeatureGates | null,
    timing?: Timing | null,
  ): CheckReport;
  /** The check report's exact JSON text. */
  checkJson(
    documents: Document[],
    policy?: Policy | null,
    featureGates?: FeatureGates | null,
    timing?: Timing | null,
  ): string;
  /** Every DaemonSet checked as the API server checks a create. */
  validate(documents: Document[]): ValidationReport;
  /** The validation report's exact JSON text. */
  validateJson(documents: Document[]): string;
  version(): VersionInfo;
}

export function locateWasm(explicit?: string): string;

/** A policy for `check` read from a file (its name is the path as given). */
export function policyFromFile(path: string): Promise<Policy>;

/** Documents read from files: snapshot files first, then proposed DaemonSets. */
export function documentsFromFiles(snapshot: string[], proposed?: string[]): Promise<Document[]>;
