package dsplan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	dsplan "github.com/dsplan/dsplan/host/go"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// repo is the repository root, two levels above this package.
var repo = filepath.Join("..", "..")

var (
	shared     *dsplan.Planner
	sharedOnce sync.Once
	sharedErr  error
)

func planner(t *testing.T) *dsplan.Planner {
	t.Helper()
	sharedOnce.Do(func() {
		shared, sharedErr = dsplan.New(context.Background(), dsplan.Options{})
	})
	if sharedErr != nil {
		t.Fatalf("New: %v", sharedErr)
	}
	return shared
}

type vector struct {
	ID      string `json:"id"`
	Request struct {
		Documents []dsplan.Document `json:"documents"`
		Options   struct {
			FeatureGates dsplan.FeatureGates `json:"featureGates"`
		} `json:"options"`
		Policy *dsplan.Policy `json:"policy"`
		Timing *dsplan.Timing `json:"timing"`
	} `json:"request"`
	OK string `json:"ok"`
}

func loadVectors(t *testing.T) []vector {
	t.Helper()
	return loadFunctionVectors(t, "plan")
}

// loadFunctionVectors reads conformance/vectors/<function>.json.
func loadFunctionVectors(t *testing.T, function string) []vector {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repo, "conformance", "vectors", function+".json"))
	if err != nil {
		t.Fatalf("read vectors: %v", err)
	}
	var file struct {
		Vectors []vector `json:"vectors"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("decode vectors: %v", err)
	}
	if len(file.Vectors) == 0 {
		t.Fatalf("no %s vectors", function)
	}
	return file.Vectors
}

// functions are the SDK's JSON and typed methods per core ABI function, called with a vector's
// request; typed reports the typed decoding's error.
var functions = []struct {
	name  string
	json  func(context.Context, *dsplan.Planner, vector) ([]byte, error)
	typed func(context.Context, *dsplan.Planner, vector) error
}{
	{"plan",
		func(ctx context.Context, p *dsplan.Planner, v vector) ([]byte, error) {
			return p.PlanJSON(ctx, v.Request.Documents, v.Request.Options.FeatureGates)
		},
		func(ctx context.Context, p *dsplan.Planner, v vector) error {
			r, err := p.Plan(ctx, v.Request.Documents, v.Request.Options.FeatureGates)
			if err == nil && (r.DaemonSets == nil || r.Notes == nil) {
				err = errors.New("typed report lost daemonSets or notes")
			}
			return err
		}},
	{"rollout",
		func(ctx context.Context, p *dsplan.Planner, v vector) ([]byte, error) {
			return p.RolloutJSON(ctx, v.Request.Documents, v.Request.Options.FeatureGates, v.Request.Timing)
		},
		func(ctx context.Context, p *dsplan.Planner, v vector) error {
			r, err := p.Rollout(ctx, v.Request.Documents, v.Request.Options.FeatureGates, v.Request.Timing)
			if err == nil && (r.DaemonSets == nil || r.Notes == nil) {
				err = errors.New("typed report lost daemonSets or notes")
			}
			return err
		}},
	{"check",
		func(ctx context.Context, p *dsplan.Planner, v vector) ([]byte, error) {
			return p.CheckJSON(ctx, v.Request.Documents, v.Request.Policy, v.Request.Options.FeatureGates, v.Request.Timing)
		},
		func(ctx context.Context, p *dsplan.Planner, v vector) error {
			r, err := p.Check(ctx, v.Request.Documents, v.Request.Policy, v.Request.Options.FeatureGates, v.Request.Timing)
			if err == nil && (r.Policy == "" || r.Evaluations == nil || r.Findings == nil) {
				err = errors.New("typed report lost policy, evaluations or findings")
			}
			return err
		}},
	{"validate",
		func(ctx context.Context, p *dsplan.Planner, v vector) ([]byte, error) {
			return p.ValidateJSON(ctx, v.Request.Documents)
		},
		func(ctx context.Context, p *dsplan.Planner, v vector) error {
			r, err := p.Validate(ctx, v.Request.Documents)
			if err == nil && len(r.Objects) == 0 {
				err = errors.New("typed report lost its objects")
			}
			return err
		}},
}

// TestVectors replays every shared vector of every function: the JSON method must return the
// `ok` bytes exactly, and the typed method must decode them.
func TestVectors(t *testing.T) {
	p := planner(t)
	ctx := context.Background()
	for _, fn := range functions {
		t.Run(fn.name, func(t *testing.T) {
			vectors := loadFunctionVectors(t, fn.name)
			var drift []string
			for _, v := range vectors {
				got, err := fn.json(ctx, p, v)
				if err != nil {
					drift = append(drift, fmt.Sprintf("%s: error %v", v.ID, err))
					continue
				}
				if !bytes.Equal(got, []byte(v.OK)) {
					drift = append(drift, fmt.Sprintf("%s: got\n%s\nwant\n%s", v.ID, got, v.OK))
					continue
				}
				if err := fn.typed(ctx, p, v); err != nil {
					drift = append(drift, fmt.Sprintf("%s: typed: %v", v.ID, err))
				}
			}
			if len(drift) > 0 {
				t.Fatalf("%d of %d vectors drifted; first: %s", len(drift), len(vectors), drift[0])
			}
			t.Logf("%d %s vectors byte-identical", len(vectors), fn.name)
		})
	}
}

// TestTypedDetails checks the typed report against a vector with a known reason.
func TestTypedDetails(t *testing.T) {
	for _, v := range loadVectors(t) {
		if v.ID != "placement/dc-nsr-03-template-nodename-mismatch" {
			continue
		}
		report, err := planner(t).Plan(context.Background(), v.Request.Documents, v.Request.Options.FeatureGates)
		if err != nil {
			t.Fatal(err)
		}
		node := report.DaemonSets[0].Nodes[0]
		if node.ControllerDecision != dsplan.DecisionNodeNameMismatch || node.Action != dsplan.ActionNone ||
			node.Schedulable != nil || len(node.Details) != 1 ||
			node.Details[0].Kind != dsplan.DetailNodeNameMismatch || node.Details[0].Wanted != "other-node" {
			t.Fatalf("unexpected typed node plan: %+v", node)
		}
		return
	}
	t.Fatal("vector placement/dc-nsr-03-template-nodename-mismatch is missing")
}

// TestBadYAML checks that a YAML syntax error comes back as *Error with its position.
func TestBadYAML(t *testing.T) {
	docs := []dsplan.Document{{Name: "nodes.yaml", Role: dsplan.RoleSnapshot,
		Text: "apiVersion: v1\nkind: List\nitems:\n  - kind: Node\n   apiVersion: [\n"}}
	_, err := planner(t).Plan(context.Background(), docs, nil)
	var de *dsplan.Error
	if !errors.As(err, &de) {
		t.Fatalf("want *dsplan.Error, got %T %v", err, err)
	}
	if de.Code != dsplan.CodeInvalidInput || de.File != "nodes.yaml" || de.Line == nil || *de.Line < 4 || de.Message == "" {
		t.Fatalf("unexpected error: %+v (%v)", de, de)
	}
}

// TestUnknownGate checks that an unknown feature gate is refused as invalid-option.
func TestUnknownGate(t *testing.T) {
	_, err := planner(t).PlanJSON(context.Background(), nil, dsplan.FeatureGates{{Name: "NoSuchGate", Enabled: true}})
	var de *dsplan.Error
	if !errors.As(err, &de) || de.Code != dsplan.CodeInvalidOption {
		t.Fatalf("want invalid-option, got %v", err)
	}
}

func TestVersion(t *testing.T) {
	info, err := planner(t).Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Dsplan == "" || info.Kubernetes == "" {
		t.Fatalf("incomplete version: %+v", info)
	}
}

// TestConcurrent runs many goroutines on one Planner; every answer must equal its vector.
func TestConcurrent(t *testing.T) {
	p := planner(t)
	vectors := loadVectors(t)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Go(func() {
			for i := range 12 {
				v := vectors[(g*7+i)%len(vectors)]
				got, err := p.PlanJSON(context.Background(), v.Request.Documents, v.Request.Options.FeatureGates)
				if err != nil {
					errs <- fmt.Errorf("%s: %w", v.ID, err)
					return
				}
				if !bytes.Equal(got, []byte(v.OK)) {
					errs <- fmt.Errorf("%s: drift under concurrency", v.ID)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// TestCancelled checks that a cancelled context fails the call and the planner stays usable.
func TestCancelled(t *testing.T) {
	p := planner(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Version(ctx); err == nil {
		t.Fatal("call with a cancelled context succeeded")
	}
	if _, err := p.Version(context.Background()); err != nil {
		t.Fatalf("planner unusable after cancellation: %v", err)
	}
}

// TestObjects plans with typed k8s.io/api objects: one tainted node, one plain one.
func TestObjects(t *testing.T) {
	node := func(name string, taints ...corev1.Taint) *corev1.Node {
		return &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/os": "linux"}},
			Spec:       corev1.NodeSpec{Taints: taints},
			Status: corev1.NodeStatus{
				Allocatable: corev1.ResourceList{
					corev1.ResourceCPU: resource.MustParse("4"), corev1.ResourceMemory: resource.MustParse("8Gi"),
					corev1.ResourcePods: resource.MustParse("110")},
				Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue}},
			},
		}
	}
	labels := map[string]string{"app": "agent"}
	ds := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "agent", Namespace: "kube-system", UID: "ds-uid"},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "agent", Image: "agent:1",
					Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")}}}}},
			},
		},
	}
	nodes := []*corev1.Node{node("plain"), node("gpu", corev1.Taint{Key: "gpu", Value: "true", Effect: corev1.TaintEffectNoSchedule})}
	report, err := planner(t).PlanObjects(context.Background(), nodes, nil, nil, []*appsv1.DaemonSet{ds}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if nodes[0].Kind != "" {
		t.Fatal("PlanObjects modified its input")
	}
	if len(report.DaemonSets) != 1 {
		t.Fatalf("want 1 DaemonSet, got %d", len(report.DaemonSets))
	}
	plan := report.DaemonSets[0]
	if plan.Namespace != "kube-system" || plan.Name != "agent" || plan.Summary.DesiredNumberScheduled != 1 || plan.Summary.Creates != 1 {
		t.Fatalf("unexpected summary: %+v", plan.Summary)
	}
	gpu := plan.Nodes[1]
	if gpu.Node != "gpu" || gpu.ShouldRun || gpu.ControllerDecision != dsplan.DecisionUntoleratedNoScheduleTaint ||
		len(gpu.Details) != 1 || gpu.Details[0].Kind != dsplan.DetailUntoleratedTaint || gpu.Details[0].Key != "gpu" {
		t.Fatalf("unexpected plan for tainted node: %+v", gpu)
	}
	if plan.Nodes[0].Action != dsplan.ActionCreate {
		t.Fatalf("plain node: want create, got %s", plan.Nodes[0].Action)
	}
}
