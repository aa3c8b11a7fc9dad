package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

type placementCase struct {
	ID           string            `json:"id"`
	Node         json.RawMessage   `json:"node"`
	ExistingPods []json.RawMessage `json:"existing_pods"`
	DaemonSet    json.RawMessage   `json:"daemonset"`
	FeatureGates map[string]bool   `json:"featureGates"`
	Expect       struct {
		ShouldRun             bool     `json:"shouldRun"`
		ShouldContinueRunning bool     `json:"shouldContinueRunning"`
		Schedulable           *bool    `json:"schedulable"`
		Reasons               []string `json:"reasons"`
	} `json:"expect"`
}

// TestPlacementCases checks the oracle against every case taken from upstream's own unit tests
// (conformance/placement-cases.json): an oracle that disagrees with them is not an oracle.
func TestPlacementCases(t *testing.T) {
	data, err := os.ReadFile("../placement-cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []placementCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 77 {
		t.Fatalf("only %d cases", len(file.Cases))
	}
	dir := t.TempDir()
	for _, c := range file.Cases {
		t.Run(c.ID, func(t *testing.T) {
			items := append([]json.RawMessage{c.Node}, c.ExistingPods...)
			snapshot, _ := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": items})
			snapshotPath, dsPath := filepath.Join(dir, c.ID+".snapshot.json"), filepath.Join(dir, c.ID+".daemonset.json")
			if err := os.WriteFile(snapshotPath, snapshot, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dsPath, c.DaemonSet, 0o644); err != nil {
				t.Fatal(err)
			}
			var gates []string
			for name, on := range c.FeatureGates {
				gates = append(gates, fmt.Sprintf("%s=%t", name, on))
			}
			sort.Strings(gates)
			if err := setGates(strings.Join(gates, ",")); err != nil {
				t.Fatal(err)
			}
			in, err := readInputs([]string{snapshotPath}, []string{dsPath})
			if err != nil {
				t.Fatal(err)
			}
			out, err := plan(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			var node struct {
				Metadata struct{ Name string } `json:"metadata"`
			}
			_ = json.Unmarshal(c.Node, &node)
			var got *nodePlan
			for i := range out.DaemonSets[0].Nodes {
				if out.DaemonSets[0].Nodes[i].Node == node.Metadata.Name {
					got = &out.DaemonSets[0].Nodes[i]
				}
			}
			if got == nil {
				t.Fatalf("node %q missing", node.Metadata.Name)
			}
			want := nodePlan{Node: got.Node, ShouldRun: c.Expect.ShouldRun, ShouldContinueRunning: c.Expect.ShouldContinueRunning,
				Schedulable: c.Expect.Schedulable, Reasons: c.Expect.Reasons}
			if !reflect.DeepEqual(fieldsOf(want), fieldsOf(*got)) {
				t.Errorf("want %v\n got %v", fieldsOf(want), fieldsOf(*got))
			}
		})
	}
}

// TestGeneratorIsDeterministic: a seed names one scenario, so a disagreement file can be
// regenerated from its seed.
func TestGeneratorIsDeterministic(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		a, err := generate(seed)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := generate(seed)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d generated two different scenarios", seed)
		}
	}
}

// TestShrinkDeletesPaths: deleteAt removes exactly the named element or field.
func TestShrinkDeletesPaths(t *testing.T) {
	var tree any
	_ = json.Unmarshal([]byte(`{"items":[{"a":1},{"b":[1,2,3]}],"k":"v"}`), &tree)
	got, _ := json.Marshal(deleteAt(deleteAt(tree, []any{"items", 1, "b", 0}), []any{"k"}))
	if string(got) != `{"items":[{"a":1},{"b":[2,3]}]}` {
		t.Fatal(string(got))
	}
}

// TestLegacyDaemonSetVersions: a DaemonSet written as extensions/v1beta1 or apps/v1beta2 is read
// as the API server stores it, so it plans like its apps/v1 spelling.
func TestLegacyDaemonSetVersions(t *testing.T) {
	dir := t.TempDir()
	plans := map[string]string{}
	for seed := uint64(1); seed <= 10; seed++ {
		s, err := generate(seed)
		if err != nil {
			t.Fatal(err)
		}
		original := string(s.DS)
		if !strings.Contains(original, `"apiVersion":"apps/v1"`) {
			t.Fatal("generated DaemonSet is not apps/v1")
		}
		for _, version := range []string{"apps/v1", "apps/v1beta2", "extensions/v1beta1"} {
			s.DS = json.RawMessage(strings.Replace(original, `"apiVersion":"apps/v1"`, `"apiVersion":"`+version+`"`, 1))
			if err := s.write(dir, "case"); err != nil {
				t.Fatal(err)
			}
			in, err := readInputs([]string{filepath.Join(dir, "case.snapshot.json")}, []string{filepath.Join(dir, "case.daemonset.json")})
			if err != nil {
				t.Fatalf("seed %d %s: %v", seed, version, err)
			}
			out, err := plan(context.Background(), in)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(out)
			plans[version] = string(got)
		}
		if plans["apps/v1beta2"] != plans["apps/v1"] || plans["extensions/v1beta1"] != plans["apps/v1"] {
			t.Fatalf("seed %d: legacy versions plan differently:\n%v", seed, plans)
		}
	}
}
