// compare.go owns the differential run: for each seed it generates a scenario, plans it with the
// oracle (in process, through the same file-reading path as `oracle plan`) and with the dsplan
// binary, compares the per-node fields, and on the first disagreement shrinks the scenario (drop
// list items, then any array element or object field, while the same field still disagrees) and
// writes it to <out>/<seed>.json with the reproducing input files beside it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"time"
)

// comparedFields are the NodePlan fields dsplan must agree on with upstream.
var comparedFields = []string{"shouldRun", "shouldContinueRunning", "schedulable", "reasons"}

// errInvalid marks a scenario the API server would refuse: a generator bug, or a shrinking step
// to undo.
var errInvalid = errors.New("input the API server would reject")

// errDisagreement makes the process exit 1 (a disagreement), not 2 (a broken run).
var errDisagreement = errors.New("disagreement found")

type comparer struct {
	dsplan string
	tmp    string
	// oracleGates are appended to the oracle's feature gates only, to set aside a known
	// disagreement (a gate dsplan does not model) while looking for others.
	oracleGates string
}

// outcome of one comparison: kind is "" when both agree, else the first differing field, or
// "dsplan-error" when dsplan rejects an input the oracle plans.
type outcome struct {
	kind   string
	diffs  []string
	oracle *report
	dsplan json.RawMessage
}

func runCompare(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("compare", flag.ExitOnError)
	dsplan := fs.String("dsplan", "", "path to the dsplan binary")
	seeds := fs.Uint64("seeds", 300, "number of seeds")
	first := fs.Uint64("first-seed", 1, "first seed")
	out := fs.String("out", "conformance/disagreements", "where a disagreement is written")
	keepGoing := fs.Bool("keep-going", false, "record every disagreeing seed instead of stopping at the first")
	oracleGates := fs.String("oracle-feature-gates", "", "extra Name=bool gates for the oracle side only")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsplan == "" {
		return errors.New("--dsplan is required")
	}
	tmp, err := os.MkdirTemp("", "dsplan-oracle-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	c := comparer{dsplan: *dsplan, tmp: tmp, oracleGates: *oracleGates}
	start := time.Now()
	failed, compared := 0, 0
	cov := coverage{}
	for seed := *first; seed < *first+*seeds; seed++ {
		s, err := generate(seed)
		if err != nil {
			return fmt.Errorf("seed %d: %w", seed, err)
		}
		o, err := c.compare(ctx, s)
		if err != nil {
			return fmt.Errorf("seed %d: %w", seed, err)
		}
		compared++
		cov.add(o.oracle)
		if o.kind == "" {
			continue
		}
		failed++
		small, so := c.shrink(ctx, s, o.kind)
		path, err := writeDisagreement(*out, small, so)
		if err != nil {
			return err
		}
		fmt.Printf("seed %d: DISAGREEMENT (%s), minimal case %s\n", seed, so.kind, path)
		for _, d := range so.diffs {
			fmt.Println("  " + d)
		}
		if !*keepGoing {
			break
		}
	}
	fmt.Printf("conformance: %d seeds from %d compared in %s\n", compared, *first, time.Since(start).Round(time.Millisecond))
	cov.print()
	fmt.Printf("%d passed, %d failed\n", compared-failed, failed)
	if failed > 0 {
		return errDisagreement
	}
	return nil
}

// compare plans the scenario both ways. An oracle failure is an error of the run itself.
func (c comparer) compare(ctx context.Context, s scenario) (outcome, error) {
	if err := s.write(c.tmp, "case"); err != nil {
		return outcome{}, err
	}
	snapshot, daemonSet := filepath.Join(c.tmp, "case.snapshot.json"), filepath.Join(c.tmp, "case.daemonset.json")
	gates := s.Gates
	if c.oracleGates != "" {
		gates = strings.TrimPrefix(gates+","+c.oracleGates, ",")
	}
	if err := setGates(gates); err != nil {
		return outcome{}, err
	}
	in, err := readInputs([]string{snapshot}, []string{daemonSet})
	if err != nil {
		return outcome{}, fmt.Errorf("oracle input: %w", err)
	}
	if err := validateInputs(in); err != nil {
		return outcome{}, fmt.Errorf("%w: %w", errInvalid, err)
	}
	want, err := plan(ctx, in)
	if err != nil {
		return outcome{}, fmt.Errorf("oracle: %w", err)
	}
	cmd := exec.CommandContext(ctx, c.dsplan, "plan", "-o", "json", "--snapshot", snapshot, "--daemonset", daemonSet, "--feature-gates", s.Gates)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return outcome{kind: "dsplan-error", diffs: []string{fmt.Sprintf("dsplan failed (%v): %s", err, bytes.TrimSpace(stderr.Bytes()))}, oracle: want}, nil
	}
	var got report
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		return outcome{}, fmt.Errorf("dsplan output is not the report contract: %w", err)
	}
	diffs, kind := diffReports(want, &got)
	return outcome{kind: kind, diffs: diffs, oracle: want, dsplan: stdout.Bytes()}, nil
}

// diffReports lists every per-node field difference; kind is the field of the first one.
func diffReports(want, got *report) ([]string, string) {
	var diffs []string
	kind := ""
	add := func(k, d string) {
		if kind == "" {
			kind = k
		}
		diffs = append(diffs, d)
	}
	gotDS := map[string]daemonSetPlan{}
	for _, ds := range got.DaemonSets {
		gotDS[ds.Namespace+"/"+ds.Name] = ds
	}
	for _, ds := range want.DaemonSets {
		key := ds.Namespace + "/" + ds.Name
		g, ok := gotDS[key]
		if !ok {
			add("missing", fmt.Sprintf("%s: missing from dsplan's report", key))
			continue
		}
		gotNodes := map[string]nodePlan{}
		for _, n := range g.Nodes {
			gotNodes[n.Node] = n
		}
		for _, w := range ds.Nodes {
			n, ok := gotNodes[w.Node]
			if !ok {
				add("missing", fmt.Sprintf("%s node %q: missing from dsplan's report", key, w.Node))
				continue
			}
			wantFields, gotFields := fieldsOf(w), fieldsOf(n)
			for _, f := range comparedFields {
				if !reflect.DeepEqual(wantFields[f], gotFields[f]) {
					add(f, fmt.Sprintf("%s node %q %s: upstream %s, dsplan %s", key, w.Node, f, wantFields[f], gotFields[f]))
				}
			}
		}
	}
	return diffs, kind
}

func fieldsOf(n nodePlan) map[string]string {
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	reasons := n.Reasons
	if reasons == nil {
		reasons = []string{}
	}
	return map[string]string{
		"shouldRun":             enc(n.ShouldRun),
		"shouldContinueRunning": enc(n.ShouldContinueRunning),
		"schedulable":           enc(n.Schedulable),
		"reasons":               enc(reasons),
	}
}

// shrink reduces the scenario while compare still reports kind (shrinkScenario).
func (c comparer) shrink(ctx context.Context, s scenario, kind string) (scenario, outcome) {
	s = shrinkScenario(s, func(cand scenario) bool {
		o, err := c.compare(ctx, cand)
		return err == nil && o.kind == kind
	})
	best, _ := c.compare(ctx, s)
	return s, best
}

// shrinkScenario greedily removes parts of the scenario while still holds: first the feature
// gates, then whole snapshot items, then (deepest and last first, so earlier paths stay valid)
// every array element and object field of the snapshot and the DaemonSet; it repeats the pass
// until nothing more can go.
func shrinkScenario(s scenario, still func(scenario) bool) scenario {
	noGates := s
	noGates.Gates = ""
	if s.Gates != "" && still(noGates) {
		s = noGates
	}
	for changed := true; changed; {
		changed = false
		for _, doc := range []*json.RawMessage{&s.Snapshot, &s.DS} {
			// Whole items first (coarse), then every other element and field. Within a
			// phase, paths go deepest and last first, so deleting one leaves the rest valid.
			for _, itemsPhase := range []bool{true, false} {
				var tree any
				if err := json.Unmarshal(*doc, &tree); err != nil {
					return s
				}
				paths := allPaths(tree, nil)
				for i := len(paths) - 1; i >= 0; i-- {
					if isItem(paths[i]) != itemsPhase {
						continue
					}
					cand := deleteAt(clone(tree), paths[i])
					raw, err := json.Marshal(cand)
					if err != nil {
						continue
					}
					saved := *doc
					*doc = raw
					if still(s) {
						tree, changed = cand, true
					} else {
						*doc = saved
					}
				}
			}
		}
	}
	return s
}

// allPaths lists the path of every array element and object field below v, in pre-order.
func allPaths(v any, prefix []any) [][]any {
	var out [][]any
	switch t := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p := append(append([]any{}, prefix...), k)
			out = append(out, p)
			out = append(out, allPaths(t[k], p)...)
		}
	case []any:
		for i, e := range t {
			p := append(append([]any{}, prefix...), i)
			out = append(out, p)
			out = append(out, allPaths(e, p)...)
		}
	}
	return out
}

// isItem tells whether a path names one element of a top-level `items` list.
func isItem(p []any) bool { return len(p) == 2 && p[0] == "items" }

func clone(v any) any {
	b, _ := json.Marshal(v)
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

// deleteAt removes the element or field at path p; a path that no longer exists is left alone.
func deleteAt(v any, p []any) any {
	if len(p) == 0 {
		return v
	}
	switch t := v.(type) {
	case map[string]any:
		k, ok := p[0].(string)
		if !ok {
			return v
		}
		if len(p) == 1 {
			delete(t, k)
		} else if child, ok := t[k]; ok {
			t[k] = deleteAt(child, p[1:])
		}
	case []any:
		i, ok := p[0].(int)
		if !ok || i >= len(t) {
			return v
		}
		if len(p) == 1 {
			return append(t[:i:i], t[i+1:]...)
		}
		t[i] = deleteAt(t[i], p[1:])
	}
	return v
}

// writeDisagreement writes <dir>/<seed>.json (inputs, gates, both answers for the differing
// nodes, the differences) and the input files <seed>.snapshot.json, <seed>.daemonset.json.
func writeDisagreement(dir string, s scenario, o outcome) (string, error) {
	base := fmt.Sprint(s.Seed)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := s.write(dir, base); err != nil {
		return "", err
	}
	if err := os.Remove(filepath.Join(dir, base+".gates")); err != nil {
		return "", err
	}
	dsplanOut := o.dsplan
	if len(dsplanOut) == 0 {
		dsplanOut = json.RawMessage("null")
	}
	doc := map[string]any{
		"seed":         s.Seed,
		"featureGates": s.Gates,
		"kind":         o.kind,
		"differences":  o.diffs,
		"reproduce": fmt.Sprintf("dsplan plan -o json --snapshot %s.snapshot.json --daemonset %s.daemonset.json --feature-gates '%s'; oracle plan (same arguments)",
			base, base, s.Gates),
		"snapshot":  s.Snapshot,
		"daemonset": s.DS,
		"upstream":  o.oracle,
		"dsplan":    dsplanOut,
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, base+".json")
	return path, os.WriteFile(path, append(b, '\n'), 0o644)
}

// coverage counts, over the compared nodes, each controller outcome and each reason, so a run
// shows which upstream branches it exercised.
type coverage map[string]int

func (c coverage) add(r *report) {
	if r == nil {
		return
	}
	for _, ds := range r.DaemonSets {
		for _, n := range ds.Nodes {
			sched := "null"
			if n.Schedulable != nil {
				sched = fmt.Sprint(*n.Schedulable)
			}
			c[fmt.Sprintf("outcome shouldRun=%t shouldContinueRunning=%t schedulable=%s", n.ShouldRun, n.ShouldContinueRunning, sched)]++
			for _, reason := range n.Reasons {
				c["reason "+reason]++
			}
		}
	}
}

func (c coverage) print() {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("  %7d  %s\n", c[k], k)
	}
}
