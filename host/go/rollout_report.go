package dsplan

// Typed mirror of crates/dsplan-rollout/src/report.rs: the JSON of `dsplan rollout -o json`.
// Field names are the Rust contract's; RolloutJSON returns the exact bytes.

// RolloutReport is the simulated rollout of every DaemonSet.
type RolloutReport struct {
	// DaemonSets lists the snapshot's DaemonSets in input order, then proposed DaemonSets that
	// are not in the snapshot.
	DaemonSets []DaemonSetRollout `json:"daemonSets"`
	// Notes are the snapshot's notes (skipped kinds, legacy versions).
	Notes []string `json:"notes"`
}

// DaemonSetRollout is the rollout of one DaemonSet to its current (or proposed) template.
type DaemonSetRollout struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Strategy is RollingUpdate or OnDelete, after defaulting.
	Strategy string `json:"strategy"`
	// MaxUnavailable and MaxSurge are resolved against the desired node count; nil for OnDelete
	// or when they cannot be resolved.
	MaxUnavailable *int32   `json:"maxUnavailable"`
	MaxSurge       *int32   `json:"maxSurge"`
	Revision       Revision `json:"revision"`
	// Status is the controller's status on the snapshot, before it acts.
	Status DaemonSetStatus `json:"status"`
	// RolloutStatus is the line `kubectl rollout status` prints, newline included.
	RolloutStatus string `json:"rolloutStatus"`
	RolloutDone   bool   `json:"rolloutDone"`
	// Steps are the syncs that create or delete pods, in order.
	Steps []RolloutStep `json:"steps"`
	// Stuck lists the nodes the rollout does not finish on.
	Stuck       []Stuck         `json:"stuck"`
	FinalStatus DaemonSetStatus `json:"finalStatus"`
	// CompletedAtSeconds is when `kubectl rollout status` first reports success; nil if never.
	CompletedAtSeconds *int64   `json:"completedAtSeconds"`
	Syncs              uint64   `json:"syncs"`
	Settled            bool     `json:"settled"`
	Errors             []string `json:"errors"`
	// OnDelete is set for the OnDelete strategy.
	OnDelete *OnDeletePlan `json:"onDelete"`
	Notes    []string      `json:"notes"`
}

// Revision is the revision pods are compared against.
type Revision struct {
	Hash       string `json:"hash"`
	Generation *int64 `json:"generation"`
	// Source is controllerRevision, dsplanHash, podLabels or generationOnly.
	Source string `json:"source"`
	Number *int64 `json:"number"`
}

// DaemonSetStatus holds the apps/v1 DaemonSetStatus counters.
type DaemonSetStatus struct {
	DesiredNumberScheduled int32 `json:"desiredNumberScheduled"`
	CurrentNumberScheduled int32 `json:"currentNumberScheduled"`
	NumberMisscheduled     int32 `json:"numberMisscheduled"`
	NumberReady            int32 `json:"numberReady"`
	UpdatedNumberScheduled int32 `json:"updatedNumberScheduled"`
	NumberAvailable        int32 `json:"numberAvailable"`
	NumberUnavailable      int32 `json:"numberUnavailable"`
	ObservedGeneration     int64 `json:"observedGeneration"`
}

// RolloutStep is one sync that creates or deletes pods.
type RolloutStep struct {
	Index uint64 `json:"index"`
	// AtSeconds is the time since the snapshot.
	AtSeconds int64 `json:"atSeconds"`
	// Create names the nodes that get a new pod; Delete the nodes that lose one (one entry per pod).
	Create      []string `json:"create"`
	Delete      []string `json:"delete"`
	Unavailable int32    `json:"unavailable"`
	Surge       int32    `json:"surge"`
}

// Stuck is a node the rollout does not finish on, and why.
type Stuck struct {
	Node   string `json:"node"`
	Reason string `json:"reason"`
}

// OnDeletePlan says what an OnDelete DaemonSet changes once pods are deleted.
type OnDeletePlan struct {
	Message             string   `json:"message"`
	ReplacedWhenDeleted []string `json:"replacedWhenDeleted"`
}
