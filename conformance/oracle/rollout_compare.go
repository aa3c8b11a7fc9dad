// rollout_compare.go owns `compare-rollout`: for each seed (the seed loop of differential.go) it
// generates an update scenario (rollout_gen.go), rolls it out with `dsplan rollout` and with the
// real controller (rollout.go) following dsplan's steps, and compares the sequence of steps (per
// sync, the nodes that get a pod and the nodes that lose one), the stuck nodes, the syncs' errors
// and whether the rollout settles. On a disagreement the scenario is shrunk (shrinkScenario) and
// written to <out>/rollout-<seed>.json with the reproducing input files beside it.
//
// Upstream's rollingUpdate walks a Go map, so among nodes in the same situation it picks at
// random which ones go first; dsplan walks them in name order. The oracle therefore retries each
// sync (rolloutDaemonSet's guide) until upstream makes dsplan's choice: a step is a disagreement
// only when no attempt reproduces it, i.e. when upstream cannot take it from that state.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

type rolloutComparer struct {
	dsplan string
	tmp    string
}

// rolloutOutcome of one comparison: its verdict's kind is the first differing part ("steps",
// "stuck", "errors", "settled", "missing"), or "dsplan-error".
type rolloutOutcome struct {
	verdict
	oracle *rolloutReport
	dsplan json.RawMessage
	steps  int
	stuck  int
}

func runCompareRollout(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("compare-rollout", flag.ExitOnError)
	var opts runOptions
	opts.register(fs, 100)
	shrink := fs.Bool("shrink", true, "shrink a disagreeing scenario before writing it")
	updatedPods := fs.Bool("updated-pods", true, "let snapshots hold pods of the new revision already (false sets aside disagreement 2 of CONFORMANCE.md)")
	tmp, err := opts.setUp(fs, args, "dsplan-oracle-rollout-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	c := rolloutComparer{dsplan: opts.dsplan, tmp: tmp}
	start := time.Now()
	steps, stuck := 0, 0
	cov := coverage{}
	compared, failed, err := seedRun[rolloutOutcome]{
		runOptions: opts,
		shrink:     *shrink,
		label:      "ROLLOUT DISAGREEMENT",
		generate:   func(seed uint64) (scenario, error) { return generateRollout(seed, *updatedPods) },
		compare:    func(s scenario) (rolloutOutcome, error) { return c.compare(ctx, s) },
		record: func(s scenario, o rolloutOutcome) {
			steps += o.steps
			stuck += o.stuck
			cov.addRollout(s, o.oracle)
		},
		write: writeRolloutDisagreement,
	}.run()
	if err != nil {
		return err
	}
	fmt.Printf("rollout conformance: %d seeds from %d compared in %s (%d upstream steps, %d stuck nodes)\n",
		compared, opts.first, time.Since(start).Round(time.Millisecond), steps, stuck)
	return finish(cov, compared, failed)
}

func (c rolloutComparer) compare(ctx context.Context, s scenario) (rolloutOutcome, error) {
	if err := setRolloutGates(s.Gates); err != nil {
		return rolloutOutcome{}, err
	}
	snapshot, daemonSet, in, err := readCase(c.tmp, s)
	if err != nil {
		return rolloutOutcome{}, err
	}
	// Every snapshot item must be read as an object (a shrunk List without its kind, or an item
	// without its kind, would be skipped here and read differently by dsplan).
	var list struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(s.Snapshot, &list); err != nil {
		return rolloutOutcome{}, fmt.Errorf("%w: %w", errInvalid, err)
	}
	if read := len(in.nodes) + len(in.pods) + len(in.snapshotDaemonSets) + len(in.revisions); read != len(list.Items) || len(in.proposed) != 1 {
		return rolloutOutcome{}, fmt.Errorf("%w: %d of %d snapshot items and %d proposed DaemonSets read", errInvalid, read, len(list.Items), len(in.proposed))
	}
	args := []string{"rollout", "-o", "json", "--snapshot", snapshot, "--daemonset", daemonSet}
	if s.Gates != "" {
		args = append(args, "--feature-gates", s.Gates)
	}
	stdout, err := runDsplan(ctx, c.dsplan, args...)
	if err != nil {
		want, oerr := rollout(ctx, in, nil)
		if oerr != nil {
			return rolloutOutcome{}, fmt.Errorf("oracle: %w", oerr)
		}
		return rolloutOutcome{verdict: dsplanFailed(err), oracle: want}, nil
	}
	var got rolloutReport
	if err := json.Unmarshal(stdout, &got); err != nil {
		return rolloutOutcome{}, fmt.Errorf("dsplan output is not the rollout contract: %w", err)
	}
	guides := map[string][]rolloutStep{}
	for i, ds := range got.DaemonSets {
		got.DaemonSets[i].Steps = sortedSteps(ds.Steps)
		guides[ds.key()] = got.DaemonSets[i].Steps
	}
	want, err := rollout(ctx, in, guides)
	if err != nil {
		return rolloutOutcome{}, fmt.Errorf("oracle: %w", err)
	}
	o := rolloutOutcome{verdict: diffRollouts(want, &got), oracle: want, dsplan: stdout}
	for _, ds := range want.DaemonSets {
		o.steps += len(ds.Steps)
		o.stuck += len(ds.Stuck)
	}
	return o, nil
}

// diffRollouts compares per DaemonSet the step sequence (from the first differing step), the
// stuck nodes, the errors the syncs returned and settling.
func diffRollouts(want, got *rolloutReport) verdict {
	var v verdict
	pairDaemonSets(&v, "rollout", want.DaemonSets, got.DaemonSets, func(key string, w, g daemonSetRollout) {
		for i := 0; i < len(w.Steps) || i < len(g.Steps); i++ {
			var ws, gs any = "none", "none"
			if i < len(w.Steps) {
				ws = w.Steps[i]
			}
			if i < len(g.Steps) {
				gs = g.Steps[i]
			}
			if !reflect.DeepEqual(stepNodes(ws), stepNodes(gs)) {
				v.add("steps", fmt.Sprintf("%s step %d: upstream %s, dsplan %s", key, i, jsonText(stepNodes(ws)), jsonText(stepNodes(gs))))
				break
			}
		}
		if wst, gst := stuckNames(w.Stuck), stuckNames(g.Stuck); !reflect.DeepEqual(wst, gst) {
			v.add("stuck", fmt.Sprintf("%s stuck: upstream %s, dsplan %s", key, jsonText(wst), jsonText(gst)))
		}
		if !reflect.DeepEqual(w.Errors, g.Errors) {
			v.add("errors", fmt.Sprintf("%s errors: upstream %s, dsplan %s", key, jsonText(w.Errors), jsonText(g.Errors)))
		}
		if w.Settled != g.Settled {
			v.add("settled", fmt.Sprintf("%s settled: upstream %t, dsplan %t", key, w.Settled, g.Settled))
		}
	})
	return v
}

// addRollout counts, per scenario, its update strategy and what the upstream rollout did, so a
// run shows which controller paths it exercised.
func (c coverage) addRollout(s scenario, r *rolloutReport) {
	var ds appsv1.DaemonSet
	if err := json.Unmarshal(s.DS, &ds); err == nil {
		strategy := string(ds.Spec.UpdateStrategy.Type)
		if ru := ds.Spec.UpdateStrategy.RollingUpdate; ru != nil {
			kind := func(v *intstr.IntOrString) string {
				if v.Type == intstr.String {
					return "percent"
				}
				return "int"
			}
			if ru.MaxSurge != nil && ru.MaxSurge.String() != "0" {
				strategy += " maxSurge " + kind(ru.MaxSurge)
			} else if ru.MaxUnavailable != nil {
				strategy += " maxUnavailable " + kind(ru.MaxUnavailable)
			}
		}
		c["strategy "+strategy]++
	}
	if r == nil {
		return
	}
	for _, d := range r.DaemonSets {
		for _, step := range d.Steps {
			switch {
			case len(step.Create) > 0 && len(step.Delete) > 0:
				c["steps creating and deleting"]++
			case len(step.Create) > 0:
				c["steps creating"]++
			default:
				c["steps deleting"]++
			}
		}
		if len(d.Stuck) > 0 {
			c["rollouts with stuck nodes"]++
		}
		for _, e := range d.Errors {
			c["sync error "+e]++
		}
	}
}

// stepNodes is a step without its index (or "none").
func stepNodes(step any) any {
	if s, ok := step.(rolloutStep); ok {
		return map[string][]string{"create": s.Create, "delete": s.Delete}
	}
	return step
}

func stuckNames(stuck []stuckNode) []string {
	out := make([]string, 0, len(stuck))
	for _, s := range stuck {
		out = append(out, s.Node)
	}
	sort.Strings(out)
	return out
}

// writeRolloutDisagreement writes <dir>/rollout-<seed>.json (inputs, both rollouts, the
// differences) and the input files rollout-<seed>.snapshot.json, rollout-<seed>.daemonset.json.
func writeRolloutDisagreement(dir string, s scenario, o rolloutOutcome) (string, error) {
	base := fmt.Sprintf("rollout-%d", s.Seed)
	return writeCase(dir, base, s, o.verdict, o.oracle, o.dsplan, map[string]any{
		"reproduce": fmt.Sprintf("dsplan rollout -o json --snapshot %s.snapshot.json --daemonset %s.daemonset.json; oracle rollout (same arguments)",
			base, base),
	})
}
