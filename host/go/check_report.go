package dsplan

// Typed mirrors of crates/dsplan-policy/src/finding.rs (`dsplan check`) and
// crates/dsplan-engine/src/validate.rs (`dsplan validate -o json`). CheckJSON and ValidateJSON
// return the exact bytes.

// Severity is a rule's severity.
type Severity string

// The severities of a policy rule.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// CheckReport is a policy's verdict: every evaluation and every failure.
type CheckReport struct {
	// Policy is the policy's name.
	Policy string `json:"policy"`
	// Evaluations are the (rule, DaemonSet) pairs evaluated, passed or not.
	Evaluations []Evaluation `json:"evaluations"`
	// Findings are the failures.
	Findings []Finding `json:"findings"`
	Notes    []string  `json:"notes"`
}

// DaemonSetRef names a DaemonSet.
type DaemonSetRef struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
}

// Finding is one rule failing for one DaemonSet (DaemonSet is nil for a family gap).
type Finding struct {
	Rule string `json:"rule"`
	// Kind is the rule's check kind (coverage, fit, ...).
	Kind      string        `json:"kind"`
	Severity  Severity      `json:"severity"`
	DaemonSet *DaemonSetRef `json:"daemonSet"`
	Nodes     []string      `json:"nodes"`
	// Message says what is wrong and Fix what to change, in one line each.
	Message  string    `json:"message"`
	Fix      string    `json:"fix"`
	Location *Location `json:"location"`
}

// Location is the manifest a DaemonSet was read from and its 1-based line there.
type Location struct {
	File string `json:"file"`
	Line *int   `json:"line"`
}

// Evaluation is one (rule, DaemonSet) pair the policy evaluated.
type Evaluation struct {
	Rule      string        `json:"rule"`
	Kind      string        `json:"kind"`
	Severity  Severity      `json:"severity"`
	DaemonSet *DaemonSetRef `json:"daemonSet"`
}

// ValidationReport is the verdict for every DaemonSet read, in input order.
type ValidationReport struct {
	Objects []ObjectValidation `json:"objects"`
}

// Valid reports whether the API server would accept every object.
func (r *ValidationReport) Valid() bool {
	for _, o := range r.Objects {
		if !o.Valid {
			return false
		}
	}
	return true
}

// ObjectValidation is one DaemonSet checked as the API server checks a create.
type ObjectValidation struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	Valid     bool   `json:"valid"`
	// Errors are `<field path>: <message>`, the API server's text.
	Errors []string `json:"errors"`
	File   string   `json:"file"`
	Line   *int     `json:"line"`
}
