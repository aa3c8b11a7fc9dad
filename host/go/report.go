package dsplan

import "encoding/json"

// Typed mirror of crates/dsplan-core/src/report.rs: the JSON of `dsplan plan -o json`.
// Field names and enum strings are the Rust contract's; PlanJSON returns the exact bytes.

// PlanReport answers "which nodes get a daemon pod, and why not the others" for every DaemonSet.
type PlanReport struct {
	// DaemonSets has one entry per DaemonSet, in input order.
	DaemonSets []DaemonSetPlan `json:"daemonSets"`
	// Notes are things to know that are not errors (skipped kinds, legacy API versions).
	Notes []string `json:"notes"`
}

// DaemonSetPlan is the plan for one DaemonSet.
type DaemonSetPlan struct {
	Namespace string      `json:"namespace"`
	Name      string      `json:"name"`
	Summary   PlanSummary `json:"summary"`
	// Nodes has one entry per node of the snapshot, in input order.
	Nodes []NodePlan `json:"nodes"`
	// DeletePodsWithoutNode names unscheduled pods whose target node is not in the snapshot.
	DeletePodsWithoutNode []string `json:"deletePodsWithoutNode"`
	// Events are controller events for the DaemonSet itself (for example SelectingAll).
	Events []Event `json:"events"`
}

// PlanSummary holds the status counters (updateDaemonSetStatus) and this sync's action totals.
type PlanSummary struct {
	Nodes                  uint32 `json:"nodes"`
	DesiredNumberScheduled uint32 `json:"desiredNumberScheduled"`
	CurrentNumberScheduled uint32 `json:"currentNumberScheduled"`
	NumberMisscheduled     uint32 `json:"numberMisscheduled"`
	NumberReady            uint32 `json:"numberReady"`
	NumberAvailable        uint32 `json:"numberAvailable"`
	UpdatedNumberScheduled uint32 `json:"updatedNumberScheduled"`
	NumberUnavailable      uint32 `json:"numberUnavailable"`
	Creates                uint32 `json:"creates"`
	Deletes                uint32 `json:"deletes"`
	Pending                uint32 `json:"pending"`
}

// NodePlan is the plan for one (DaemonSet, node) pair.
type NodePlan struct {
	Node                  string             `json:"node"`
	ShouldRun             bool               `json:"shouldRun"`
	ShouldContinueRunning bool               `json:"shouldContinueRunning"`
	ControllerDecision    ControllerDecision `json:"controllerDecision"`
	// Schedulable is nil when no pod is created here or the template sets nodeName.
	Schedulable *bool `json:"schedulable"`
	// Reasons are upstream's exact reason strings.
	Reasons    []string `json:"reasons"`
	Action     Action   `json:"action"`
	Creates    uint32   `json:"creates"`
	DeletePods []string `json:"deletePods"`
	Pods       []string `json:"pods"`
	Details    []Detail `json:"details"`
	Events     []Event  `json:"events"`
}

// ControllerDecision names the NodeShouldRunDaemonPod rule that decided.
type ControllerDecision string

// The controller decisions of report.rs.
const (
	DecisionRun                        ControllerDecision = "Run"
	DecisionNodeNameMismatch           ControllerDecision = "NodeNameMismatch"
	DecisionNodeAffinityMismatch       ControllerDecision = "NodeAffinityMismatch"
	DecisionUntoleratedNoExecuteTaint  ControllerDecision = "UntoleratedNoExecuteTaint"
	DecisionUntoleratedNoScheduleTaint ControllerDecision = "UntoleratedNoScheduleTaint"
)

// Action is what the controller does on a node in one sync.
type Action string

// The actions of report.rs.
const (
	ActionCreate Action = "create"
	ActionDelete Action = "delete"
	ActionKeep   Action = "keep"
	ActionNone   Action = "none"
)

// EventType is a Kubernetes event type.
type EventType string

// The event types of report.rs.
const (
	EventNormal  EventType = "Normal"
	EventWarning EventType = "Warning"
)

// Event is a controller event as `kubectl get events` shows it.
type Event struct {
	Type    EventType `json:"type"`
	Reason  string    `json:"reason"`
	Message string    `json:"message"`
}

// DetailKind tags a Detail.
type DetailKind string

// The detail kinds of report.rs; each lists the Detail fields it sets.
const (
	DetailNodeNameMismatch          DetailKind = "nodeNameMismatch"          // Wanted
	DetailNodeSelectorMismatch      DetailKind = "nodeSelectorMismatch"      // Key, Want, Have
	DetailNodeAffinityTermsMismatch DetailKind = "nodeAffinityTermsMismatch" // Terms, Invalid
	DetailUntoleratedTaint          DetailKind = "untoleratedTaint"          // Key, Value, Effect
	DetailTooManyPods               DetailKind = "tooManyPods"               // Pods, Allowed
	DetailInsufficientResource      DetailKind = "insufficientResource"      // Resource, Requested, Used, Allocatable
	DetailHostPortConflict          DetailKind = "hostPortConflict"          // Protocol, HostIP, Port, UsedBy
)

// Detail is the fact behind a reason string. It is the Rust tagged enum flattened: Kind says
// which variant it is, and only that variant's fields (listed on the DetailKind constants) are set.
type Detail struct {
	Kind DetailKind `json:"kind"`

	Wanted      string   `json:"wanted,omitempty"`
	Key         string   `json:"key,omitempty"`
	Want        string   `json:"want,omitempty"`
	Have        *string  `json:"have,omitempty"`
	Terms       uint32   `json:"terms,omitempty"`
	Invalid     []string `json:"invalid,omitempty"`
	Value       string   `json:"value,omitempty"`
	Effect      string   `json:"effect,omitempty"`
	Pods        uint64   `json:"pods,omitempty"`
	Allowed     int64    `json:"allowed,omitempty"`
	Resource    string   `json:"resource,omitempty"`
	Requested   int64    `json:"requested,omitempty"`
	Used        int64    `json:"used,omitempty"`
	Allocatable int64    `json:"allocatable,omitempty"`
	Protocol    string   `json:"protocol,omitempty"`
	HostIP      string   `json:"hostIp,omitempty"`
	Port        int32    `json:"port,omitempty"`
	UsedBy      string   `json:"usedBy,omitempty"`
}

// VersionInfo is the answer of Version: `dsplan version -o json`.
type VersionInfo struct {
	// Dsplan is the planner's version.
	Dsplan string `json:"dsplan"`
	// Kubernetes is the Kubernetes version whose semantics the planner follows.
	Kubernetes string `json:"kubernetes"`
	// FeatureGates are the gates the planner knows, as the module reports them.
	FeatureGates json.RawMessage `json:"featureGates"`
}
