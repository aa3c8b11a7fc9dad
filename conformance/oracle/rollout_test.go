package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
)

// threeNodeUpdate writes a snapshot of three Ready nodes, each with a Ready pod of revision A,
// and revision B with the given strategy, and reads them as `oracle rollout` does.
func threeNodeUpdate(t *testing.T, strategy appsv1.DaemonSetUpdateStrategy) *inputs {
	t.Helper()
	if err := setRolloutGates(""); err != nil {
		t.Fatal(err)
	}
	oldDS := rolloutDaemonSetObject(rolloutTemplate("agent:1", false, ""))
	oldDS.UID, oldDS.Generation = dsUID, 1
	oldDS.Annotations = map[string]string{"deprecated.daemonset.template.generation": "1"}
	legacyscheme.Scheme.Default(oldDS)
	var items []any
	for i := 0; i < 3; i++ {
		name := fmt.Sprintf("node-%d", i)
		node := readyNode(name, "a")
		items = append(items, node)
		pod, err := daemonPodAt(oldDS, name, name+"-old", "1", rolloutEpoch)
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, pod)
	}
	items = append(items, oldDS)
	newDS := rolloutDaemonSetObject(rolloutTemplate("agent:2", false, ""))
	newDS.Spec.UpdateStrategy = strategy
	dir := t.TempDir()
	snapshot, _ := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": items})
	ds, _ := json.Marshal(newDS)
	if err := os.WriteFile(filepath.Join(dir, "s.json"), snapshot, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "d.json"), ds, 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := readInputs([]string{filepath.Join(dir, "s.json")}, []string{filepath.Join(dir, "d.json")})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

func rolling(unavailable, surge int32) appsv1.DaemonSetUpdateStrategy {
	u, s := intstr.FromInt32(unavailable), intstr.FromInt32(surge)
	return appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType,
		RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxUnavailable: &u, MaxSurge: &s}}
}

func onlyRollout(t *testing.T, in *inputs, guide []rolloutStep) daemonSetRollout {
	t.Helper()
	guides := map[string][]rolloutStep{}
	if guide != nil {
		guides["default/"+dsName] = guide
	}
	out, err := rollout(context.Background(), in, guides)
	if err != nil {
		t.Fatal(err)
	}
	if len(out.DaemonSets) != 1 {
		t.Fatalf("%d DaemonSets", len(out.DaemonSets))
	}
	r := out.DaemonSets[0]
	if !r.Settled || len(r.Errors) > 0 {
		t.Fatalf("settled %t, errors %v", r.Settled, r.Errors)
	}
	return r
}

func step(create, del []string) rolloutStep {
	if create == nil {
		create = []string{}
	}
	if del == nil {
		del = []string{}
	}
	return rolloutStep{Create: create, Delete: del}
}

// TestRolloutWithoutSurge: maxUnavailable 1 replaces one node at a time, delete then create
// (upstream's rollingUpdate deletes, the next sync's manage creates), and finishes everywhere.
func TestRolloutWithoutSurge(t *testing.T) {
	r := onlyRollout(t, threeNodeUpdate(t, rolling(1, 0)), nil)
	if len(r.Steps) != 6 || len(r.Stuck) != 0 {
		t.Fatalf("steps %v stuck %v", r.Steps, r.Stuck)
	}
	seen := map[string]bool{}
	for i := 0; i < 6; i += 2 {
		del, create := r.Steps[i], r.Steps[i+1]
		if len(del.Delete) != 1 || len(del.Create) != 0 || !reflect.DeepEqual(create.Create, del.Delete) || len(create.Delete) != 0 {
			t.Fatalf("steps %d-%d: %v %v", i, i+1, del, create)
		}
		seen[del.Delete[0]] = true
	}
	if len(seen) != 3 {
		t.Fatalf("nodes replaced: %v", seen)
	}
}

// TestRolloutWithSurge: maxSurge 1 creates the new pod first and deletes the old one once the
// new one is available (manage's surge dedup), one node at a time.
func TestRolloutWithSurge(t *testing.T) {
	r := onlyRollout(t, threeNodeUpdate(t, rolling(0, 1)), nil)
	if len(r.Steps) != 6 || len(r.Stuck) != 0 {
		t.Fatalf("steps %v stuck %v", r.Steps, r.Stuck)
	}
	for i := 0; i < 6; i += 2 {
		create, del := r.Steps[i], r.Steps[i+1]
		if len(create.Create) != 1 || len(create.Delete) != 0 || !reflect.DeepEqual(del.Delete, create.Create) || len(del.Create) != 0 {
			t.Fatalf("steps %d-%d: %v %v", i, i+1, create, del)
		}
	}
}

// TestRolloutOnDelete: OnDelete replaces nothing, so every node is left on revision A.
func TestRolloutOnDelete(t *testing.T) {
	r := onlyRollout(t, threeNodeUpdate(t, appsv1.DaemonSetUpdateStrategy{Type: appsv1.OnDeleteDaemonSetStrategyType}), nil)
	if len(r.Steps) != 0 || !reflect.DeepEqual(r.Stuck, []stuckNode{{"node-0"}, {"node-1"}, {"node-2"}}) {
		t.Fatalf("steps %v stuck %v", r.Steps, r.Stuck)
	}
}

// TestRolloutFollowsGuide: a guide steers upstream's random choice among equivalent nodes, here
// to reverse name order; without that, a comparison with dsplan's name order would fail at
// random.
func TestRolloutFollowsGuide(t *testing.T) {
	var guide []rolloutStep
	for _, node := range []string{"node-2", "node-1", "node-0"} {
		guide = append(guide, step(nil, []string{node}), step([]string{node}, nil))
	}
	r := onlyRollout(t, threeNodeUpdate(t, rolling(1, 0)), guide)
	for i := range r.Steps {
		r.Steps[i].Index = 0
	}
	if !reflect.DeepEqual(r.Steps, guide) {
		t.Fatalf("got %v\nwant %v", r.Steps, guide)
	}
}

// TestRolloutThreePoolsExample: the repository's example update (maxUnavailable 1) follows the
// order dsplan reports and gets stuck where new pods do not fit (Insufficient memory), which
// holds the budget for the remaining nodes.
func TestRolloutThreePoolsExample(t *testing.T) {
	if err := setRolloutGates(""); err != nil {
		t.Fatal(err)
	}
	in, err := readInputs([]string{"../../examples/clusters/three-pools.yaml"}, []string{"../../examples/daemonsets/fluentd-elasticsearch-v2.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	var guide []rolloutStep
	for _, node := range []string{"prod-control-plane-7xk2p", "prod-control-plane-d9q4m", "prod-control-plane-vz8rt",
		"prod-md-general-6f8b9c7d5-4jx7p", "prod-md-general-6f8b9c7d5-9tq2w"} {
		guide = append(guide, step(nil, []string{node}), step([]string{node}, nil))
	}
	out, err := rollout(context.Background(), in, map[string][]rolloutStep{"kube-system/fluentd-elasticsearch": guide})
	if err != nil {
		t.Fatal(err)
	}
	r := out.DaemonSets[0]
	for i := range r.Steps {
		r.Steps[i].Index = 0
	}
	if !reflect.DeepEqual(r.Steps, guide) || !r.Settled {
		t.Fatalf("steps %v settled %t", r.Steps, r.Settled)
	}
	want := []stuckNode{{"prod-md-general-6f8b9c7d5-9tq2w"}, {"prod-md-general-6f8b9c7d5-kd8s5"}, {"prod-md-general-6f8b9c7d5-x2m6c"}}
	if !reflect.DeepEqual(r.Stuck, want) {
		t.Fatalf("stuck %v", r.Stuck)
	}
}

// TestRolloutGenerator: a seed names one update scenario, which the API server would accept, and
// the real controller rolls it out to a settled state.
func TestRolloutGenerator(t *testing.T) {
	dir := t.TempDir()
	for seed := uint64(1); seed <= 40; seed++ {
		a, err := generateRollout(seed, true)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := generateRollout(seed, true)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d generated two different scenarios", seed)
		}
		if err := a.write(dir, "case"); err != nil {
			t.Fatal(err)
		}
		in, err := readInputs([]string{filepath.Join(dir, "case.snapshot.json")}, []string{filepath.Join(dir, "case.daemonset.json")})
		if err != nil {
			t.Fatal(err)
		}
		if err := validateInputs(in); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		out, err := rollout(context.Background(), in, nil)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if r := out.DaemonSets[0]; !r.Settled {
			t.Fatalf("seed %d: not settled, errors %v", seed, r.Errors)
		}
	}
}

// TestInputOfExactlyOneBuffer: a snapshot file of exactly 4096 bytes without a final newline is
// read whole (upstream's YAML reader alone would return nothing for it).
func TestInputOfExactlyOneBuffer(t *testing.T) {
	node := readyNode("node-0", "a")
	doc := func(pad string) []byte {
		node.Labels["pad"] = pad
		b, _ := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": []any{node}})
		return b
	}
	data := doc("")
	data = doc(strings.Repeat("x", 4096-len(data)))
	if len(data) != 4096 {
		t.Fatalf("%d bytes", len(data))
	}
	path := filepath.Join(t.TempDir(), "s.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := readInputs([]string{path}, nil)
	if err != nil || len(in.nodes) != 1 {
		t.Fatalf("read %d nodes, %v", len(in.nodes), err)
	}
}
