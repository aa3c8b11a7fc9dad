// compare.go owns the placement comparison of `compare`: for each seed (the seed loop of
// differential.go) it generates a scenario, plans it with the oracle (in process, through the same
// file-reading path as `oracle plan`) and with the dsplan binary, and compares the per-node fields;
// on the first disagreement the scenario is shrunk (shrinkScenario, here: drop list items, then any
// array element or object field, while the same field still disagrees) and written to
// <out>/<seed>.json with the reproducing input files beside it.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"time"
)

// comparedFields are the NodePlan fields dsplan must agree on with upstream.
var comparedFields = []string{"shouldRun", "shouldContinueRunning", "schedulable", "reasons"}

type comparer struct {
	dsplan string
	tmp    string
	// oracleGates are appended to the oracle's feature gates only, to set aside a known
	// disagreement (a gate dsplan does not model) while looking for others.
	oracleGates string
}

// outcome of one comparison: its verdict's kind is the first differing field, or "dsplan-error"
// when dsplan rejects an input the oracle plans.
type outcome struct {
	verdict
	oracle *report
	dsplan json.RawMessage
}

func runCompare(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("compare", flag.ExitOnError)
	var opts runOptions
	opts.register(fs, 300)
	oracleGates := fs.String("oracle-feature-gates", "", "extra Name=bool gates for the oracle side only")
	tmp, err := opts.setUp(fs, args, "dsplan-oracle-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	c := comparer{dsplan: opts.dsplan, tmp: tmp, oracleGates: *oracleGates}
	start := time.Now()
	cov := coverage{}
	compared, failed, err := seedRun[outcome]{
		runOptions: opts,
		shrink:     true,
		label:      "DISAGREEMENT",
		generate:   generate,
		compare:    func(s scenario) (outcome, error) { return c.compare(ctx, s) },
		record:     func(_ scenario, o outcome) { cov.add(o.oracle) },
		write:      writeDisagreement,
	}.run()
	if err != nil {
		return err
	}
	fmt.Printf("conformance: %d seeds from %d compared in %s\n", compared, opts.first, time.Since(start).Round(time.Millisecond))
	return finish(cov, compared, failed)
}

// compare plans the scenario both ways. An oracle failure is an error of the run itself.
func (c comparer) compare(ctx context.Context, s scenario) (outcome, error) {
	gates := s.Gates
	if c.oracleGates != "" {
		gates = strings.TrimPrefix(gates+","+c.oracleGates, ",")
	}
	if err := setGates(gates); err != nil {
		return outcome{}, err
	}
	snapshot, daemonSet, in, err := readCase(c.tmp, s)
	if err != nil {
		return outcome{}, err
	}
	want, err := plan(ctx, in)
	if err != nil {
		return outcome{}, fmt.Errorf("oracle: %w", err)
	}
	stdout, err := runDsplan(ctx, c.dsplan, "plan", "-o", "json", "--snapshot", snapshot, "--daemonset", daemonSet, "--feature-gates", s.Gates)
	if err != nil {
		return outcome{verdict: dsplanFailed(err), oracle: want}, nil
	}
	var got report
	if err := json.Unmarshal(stdout, &got); err != nil {
		return outcome{}, fmt.Errorf("dsplan output is not the report contract: %w", err)
	}
	return outcome{verdict: diffReports(want, &got), oracle: want, dsplan: stdout}, nil
}

// diffReports lists every per-node field difference; the kind is the field of the first one.
func diffReports(want, got *report) verdict {
	var v verdict
	pairDaemonSets(&v, "report", want.DaemonSets, got.DaemonSets, func(key string, ds, g daemonSetPlan) {
		gotNodes := map[string]nodePlan{}
		for _, n := range g.Nodes {
			gotNodes[n.Node] = n
		}
		for _, w := range ds.Nodes {
			n, ok := gotNodes[w.Node]
			if !ok {
				v.add("missing", fmt.Sprintf("%s node %q: missing from dsplan's report", key, w.Node))
				continue
			}
			wantFields, gotFields := fieldsOf(w), fieldsOf(n)
			for _, f := range comparedFields {
				if !reflect.DeepEqual(wantFields[f], gotFields[f]) {
					v.add(f, fmt.Sprintf("%s node %q %s: upstream %s, dsplan %s", key, w.Node, f, wantFields[f], gotFields[f]))
				}
			}
		}
	})
	return v
}

func fieldsOf(n nodePlan) map[string]string {
	reasons := n.Reasons
	if reasons == nil {
		reasons = []string{}
	}
	return map[string]string{
		"shouldRun":             jsonText(n.ShouldRun),
		"shouldContinueRunning": jsonText(n.ShouldContinueRunning),
		"schedulable":           jsonText(n.Schedulable),
		"reasons":               jsonText(reasons),
	}
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
	return writeCase(dir, base, s, o.verdict, o.oracle, o.dsplan, map[string]any{
		"featureGates": s.Gates,
		"reproduce": fmt.Sprintf("dsplan plan -o json --snapshot %s.snapshot.json --daemonset %s.daemonset.json --feature-gates '%s'; oracle plan (same arguments)",
			base, base, s.Gates),
	})
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
