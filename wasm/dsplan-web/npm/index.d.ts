// Types of @dsplan/web. They mirror crates/dsplan-core/src/report.rs (the JSON of
// `dsplan plan -o json`) and crates/dsplan-engine; keep them in step with those files.

/** One input file. */
export interface Document {
  /** File name shown in errors, for example `cluster.yaml`. */
  name: string;
  /** The whole YAML (one or more `---` documents) or JSON text. */
  text: string;
  /** `snapshot`: the cluster as it is (`kubectl get nodes,pods,daemonsets -A -o yaml`);
   *  `proposed`: new or changed DaemonSets to plan. */
  role: "snapshot" | "proposed";
}

export interface Options {
  /** Kubernetes feature gates to switch on top of the release defaults (see `version()`). */
  featureGates?: Record<string, boolean>;
}

/** What `plan` throws: a JS `Error` located as precisely as the input allows. */
export interface DsplanError extends Error {
  /** `invalid-input` (a document), `invalid-option` (options), `invalid-request`
   *  (arguments of the wrong shape) or `internal`. */
  code: "invalid-input" | "invalid-option" | "invalid-request" | "internal";
  /** File name of the document at fault. */
  file: string | null;
  /** Index of the YAML document inside that file. */
  document: number | null;
  /** The object, as `Kind namespace/name`. */
  object: string | null;
  /** Field path, for example `spec.template.spec.tolerations[0].effect`. */
  path: string | null;
  /** 1-based line in the file. */
  line: number | null;
  /** 1-based column in the file. */
  column: number | null;
}

export interface PlanReport {
  /** One entry per DaemonSet, in input order. */
  daemonSets: DaemonSetPlan[];
  /** Things to know that are not errors (skipped kinds, legacy API versions). */
  notes: string[];
}

export interface DaemonSetPlan {
  namespace: string;
  name: string;
  summary: PlanSummary;
  /** One entry per node of the snapshot, in input order. */
  nodes: NodePlan[];
  /** Unscheduled pods whose target node is not in the snapshot; the controller deletes them. */
  deletePodsWithoutNode: string[];
  events: KubeEvent[];
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
  /** Nodes where a pod would be created but the scheduler would leave it Pending. */
  pending: number;
}

export type ControllerDecision =
  | "Run"
  | "NodeNameMismatch"
  | "NodeAffinityMismatch"
  | "UntoleratedNoExecuteTaint"
  | "UntoleratedNoScheduleTaint";

export type Action = "create" | "delete" | "keep" | "none";

export interface NodePlan {
  node: string;
  /** `NodeShouldRunDaemonPod`'s first result: a pod should be created here. */
  shouldRun: boolean;
  /** Its second result: an existing pod may stay. */
  shouldContinueRunning: boolean;
  controllerDecision: ControllerDecision;
  /** Whether kube-scheduler would bind the created pod; `null` when none is created. */
  schedulable: boolean | null;
  /** Upstream Kubernetes' exact reason strings. */
  reasons: string[];
  action: Action;
  creates: number;
  deletePods: string[];
  pods: string[];
  details: Detail[];
  events: KubeEvent[];
}

export interface KubeEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

/** The facts behind a reason, tagged by `kind`. */
export type Detail =
  | { kind: "nodeNameMismatch"; wanted: string }
  | { kind: "nodeSelectorMismatch"; key: string; want: string; have: string | null }
  | { kind: "nodeAffinityTermsMismatch"; terms: number; invalid: string[] }
  | { kind: "untoleratedTaint"; key: string; value: string; effect: string }
  | { kind: "tooManyPods"; pods: number; allowed: number }
  | {
      kind: "insufficientResource";
      resource: string;
      /** cpu in millicores, everything else in whole units. */
      requested: number;
      used: number;
      allocatable: number;
    }
  | { kind: "hostPortConflict"; protocol: string; hostIp: string; port: number; usedBy: string };

export interface VersionInfo {
  /** dsplan's version. */
  dsplan: string;
  /** The Kubernetes release whose semantics dsplan follows. */
  kubernetes: string;
  /** That release's default feature gates, as `Name=bool`. */
  featureGates: string[];
}

/** Plans every DaemonSet in `documents` against the nodes and pods in them.
 *  @throws {DsplanError} */
export function plan(documents: Document[], options?: Options): PlanReport;

/** dsplan's version and the Kubernetes release it follows. */
export function version(): VersionInfo;

/** A node of the snapshot, for grouping and filtering by pool or label. */
export interface NodeInfo {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value: string; effect: string }[];
  /** `spec.unschedulable` (cordoned). */
  unschedulable: boolean;
  /** `status.allocatable`, quantities as written (`7910m`, `30634Mi`). */
  allocatable: Record<string, string>;
  /** File the node was read from, and its 1-based line there. */
  file: string;
  line: number | null;
}

/** The nodes of the `snapshot` documents, in input order.
 *  @throws {DsplanError} */
export function nodes(documents: Document[]): NodeInfo[];

/** Pod lifecycle latencies the rollout timeline assumes (all three, seconds). */
export interface RolloutTiming {
  podStartSeconds: number;
  readinessSeconds: number;
  terminationSeconds: number;
}

/** Mirrors crates/dsplan-rollout/src/report.rs (`RolloutReport`). */
export interface RolloutReport {
  /** Snapshot DaemonSets in input order, then proposed DaemonSets not in the snapshot. */
  daemonSets: DaemonSetRollout[];
  notes: string[];
}

export interface DaemonSetRollout {
  namespace: string;
  name: string;
  strategy: "RollingUpdate" | "OnDelete";
  maxUnavailable: number | null;
  maxSurge: number | null;
  /** `{hash, generation, source, number}`: the revision pods are compared against. */
  revision: Record<string, unknown>;
  /** DaemonSet status before the controller acts (apps/v1 DaemonSetStatus fields). */
  status: Record<string, unknown>;
  /** The line `kubectl rollout status` prints, newline included. */
  rolloutStatus: string;
  rolloutDone: boolean;
  /** Every sync that creates or deletes pods, in order. */
  steps: RolloutStep[];
  /** Nodes the rollout does not finish on. */
  stuck: { node: string; reason: string }[];
  finalStatus: Record<string, unknown>;
  completedAtSeconds: number | null;
  syncs: number;
  settled: boolean;
  errors: string[];
  onDelete: { message: string; replacedWhenDeleted: string[] } | null;
  notes: string[];
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

/** Mirrors crates/dsplan-policy/src/finding.rs (`CheckReport`). */
export interface CheckReport {
  policy: string;
  evaluations: Record<string, unknown>[];
  findings: Finding[];
  notes: string[];
}

export interface Finding {
  rule: string;
  kind: string;
  severity: string;
  daemonSet: { namespace: string; name: string } | null;
  nodes: string[];
  message: string;
  fix: string;
  location: { file: string; line: number | null } | null;
}

/** Mirrors crates/dsplan-engine/src/validate.rs (`ValidationReport`). */
export interface ValidationReport {
  objects: {
    kind: string;
    namespace: string;
    name: string;
    /** Whether the API server would accept it. */
    valid: boolean;
    /** `<field path>: <message>`, the API server's text. */
    errors: string[];
    file: string;
    line: number | null;
  }[];
}

/** Simulates each DaemonSet's update, sync by sync.
 *  @throws {DsplanError} */
export function rollout(documents: Document[], options?: Options, timing?: RolloutTiming): RolloutReport;

/** Evaluates a policy (`undefined`: the built-in default) against the plan and the rollout.
 *  @throws {DsplanError} */
export function check(
  documents: Document[],
  policy?: { name: string; text: string },
  options?: Options,
  timing?: RolloutTiming,
): CheckReport;

/** Checks every DaemonSet as the API server does on create.
 *  @throws {DsplanError} */
export function validate(documents: Document[]): ValidationReport;
