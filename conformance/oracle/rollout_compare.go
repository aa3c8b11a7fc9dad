// rollout_compare.go owns `compare-rollout`: for each seed it generates an update scenario
// (rollout_gen.go), rolls it out with `dsplan rollout` and with the real controller (rollout.go)
// following dsplan's steps, and compares the sequence of steps (per sync, the nodes that get a
// pod and the nodes that lose one), the stuck nodes, the syncs' errors and whether the rollout
// settles. On a
// disagreement it shrinks the scenario (shrinkScenario) and writes it to
// <out>/rollout-<seed>.json with the reproducing input files beside it.
//
// Upstream's rollingUpdate walks a Go map, so among nodes in the same situation it picks at
// random which ones go first; dsplan walks them in name order. The oracle therefore retries each
// sync (rolloutDaemonSet's guide) until upstream makes dsplan's choice: a step is a disagreement
// only when no attempt reproduces it, i.e. when upstream cannot take it from that state.
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
	"time"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

type rolloutComparer struct {
	dsplan string
	tmp    string
}

// rolloutOutcome of one comparison: kind is "" when both agree, else the first differing part
// ("steps", "stuck", "errors", "settled", "missing"), or "dsplan-error".
type rolloutOutcome struct {
	kind   string
	diffs  []string
	oracle *rolloutReport
	dsplan json.RawMessage
	steps  int
	stuck  int
}

func runCompareRollout(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("compare-rollout", flag.ExitOnError)
	dsplan := fs.String("dsplan", "", "path to the dsplan binary")
	seeds := fs.Uint64("seeds", 100, "number of seeds")
	first := fs.Uint64("first-seed", 1, "first seed")
	out := fs.String("out", "conformance/disagreements", "where a disagreement is written")
	keepGoing := fs.Bool("keep-going", false, "record every disagreeing seed instead of stopping at the first")
	shrink := fs.Bool("shrink", true, "shrink a disagreeing scenario before writing it")
	updatedPods := fs.Bool("updated-pods", true, "let snapshots hold pods of the new revision already (false sets aside disagreement 2 of CONFORMANCE.md)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsplan == "" {
		return errors.New("--dsplan is required")
	}
	tmp, err := os.MkdirTemp("", "dsplan-oracle-rollout-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	c := rolloutComparer{dsplan: *dsplan, tmp: tmp}
	start := time.Now()
	failed, compared, steps, stuck := 0, 0, 0, 0
	cov := coverage{}
	for seed := *first; seed < *first+*seeds; seed++ {
		s, err := generateRollout(seed, *updatedPods)
		if err != nil {
			return fmt.Errorf("seed %d: %w", seed, err)
		}
		o, err := c.compare(ctx, s)
		if err != nil {
			return fmt.Errorf("seed %d: %w", seed, err)
		}
		compared++
		steps += o.steps
		stuck += o.stuck
		cov.addRollout(s, o.oracle)
		if o.kind == "" {
			continue
		}
		failed++
		small := s
		if *shrink {
			small = shrinkScenario(s, func(cand scenario) bool {
				co, err := c.compare(ctx, cand)
				return err == nil && co.kind == o.kind
			})
		}
		so, err := c.compare(ctx, small)
		if err != nil {
			return fmt.Errorf("seed %d shrunk: %w", seed, err)
		}
		path, err := writeRolloutDisagreement(*out, small, so)
		if err != nil {
			return err
		}
		fmt.Printf("seed %d: ROLLOUT DISAGREEMENT (%s), minimal case %s\n", seed, so.kind, path)
		for _, d := range so.diffs {
			fmt.Println("  " + d)
		}
		if !*keepGoing {
			break
		}
	}
	fmt.Printf("rollout conformance: %d seeds from %d compared in %s (%d upstream steps, %d stuck nodes)\n",
		compared, *first, time.Since(start).Round(time.Millisecond), steps, stuck)
	cov.print()
	fmt.Printf("%d passed, %d failed\n", compared-failed, failed)
	if failed > 0 {
		return errDisagreement
	}
	return nil
}

func (c rolloutComparer) compare(ctx context.Context, s scenario) (rolloutOutcome, error) {
	if err := s.write(c.tmp, "case"); err != nil {
		return rolloutOutcome{}, err
	}
	snapshot, daemonSet := filepath.Join(c.tmp, "case.snapshot.json"), filepath.Join(c.tmp, "case.daemonset.json")
	if err := setRolloutGates(s.Gates); err != nil {
		return rolloutOutcome{}, err
	}
	in, err := readInputs([]string{snapshot}, []string{daemonSet})
	if err != nil {
		return rolloutOutcome{}, fmt.Errorf("oracle input: %w", err)
	}
	if err := validateInputs(in); err != nil {
		return rolloutOutcome{}, fmt.Errorf("%w: %w", errInvalid, err)
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
	cmd := exec.CommandContext(ctx, c.dsplan, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		want, oerr := rollout(ctx, in, nil)
		if oerr != nil {
			return rolloutOutcome{}, fmt.Errorf("oracle: %w", oerr)
		}
		return rolloutOutcome{kind: "dsplan-error", oracle: want,
			diffs: []string{fmt.Sprintf("dsplan failed (%v): %s", err, bytes.TrimSpace(stderr.Bytes()))}}, nil
	}
	var got rolloutReport
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		return rolloutOutcome{}, fmt.Errorf("dsplan output is not the rollout contract: %w", err)
	}
	guides := map[string][]rolloutStep{}
	for i, ds := range got.DaemonSets {
		got.DaemonSets[i].Steps = sortedSteps(ds.Steps)
		guides[ds.Namespace+"/"+ds.Name] = got.DaemonSets[i].Steps
	}
	want, err := rollout(ctx, in, guides)
	if err != nil {
		return rolloutOutcome{}, fmt.Errorf("oracle: %w", err)
	}
	o := rolloutOutcome{oracle: want, dsplan: stdout.Bytes()}
	for _, ds := range want.DaemonSets {
		o.steps += len(ds.Steps)
		o.stuck += len(ds.Stuck)
	}
	o.diffs, o.kind = diffRollouts(want, &got)
	return o, nil
}

// diffRollouts compares per DaemonSet the step sequence (from the first differing step), the
// stuck nodes, the errors the syncs returned and settling.
func diffRollouts(want, got *rolloutReport) ([]string, string) {
	var diffs []string
	kind := ""
	add := func(k, d string) {
		if kind == "" {
			kind = k
		}
		diffs = append(diffs, d)
	}
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return string(b)
	}
	gotDS := map[string]daemonSetRollout{}
	for _, ds := range got.DaemonSets {
		gotDS[ds.Namespace+"/"+ds.Name] = ds
	}
	for _, w := range want.DaemonSets {
		key := w.Namespace + "/" + w.Name
		g, ok := gotDS[key]
		if !ok {
			add("missing", fmt.Sprintf("%s: missing from dsplan's rollout", key))
			continue
		}
		for i := 0; i < len(w.Steps) || i < len(g.Steps); i++ {
			var ws, gs any = "none", "none"
			if i < len(w.Steps) {
				ws = w.Steps[i]
			}
			if i < len(g.Steps) {
				gs = g.Steps[i]
			}
			if !reflect.DeepEqual(stepNodes(ws), stepNodes(gs)) {
				add("steps", fmt.Sprintf("%s step %d: upstream %s, dsplan %s", key, i, enc(stepNodes(ws)), enc(stepNodes(gs))))
				break
			}
		}
		if wst, gst := stuckNames(w.Stuck), stuckNames(g.Stuck); !reflect.DeepEqual(wst, gst) {
			add("stuck", fmt.Sprintf("%s stuck: upstream %s, dsplan %s", key, enc(wst), enc(gst)))
		}
		if !reflect.DeepEqual(w.Errors, g.Errors) {
			add("errors", fmt.Sprintf("%s errors: upstream %s, dsplan %s", key, enc(w.Errors), enc(g.Errors)))
		}
		if w.Settled != g.Settled {
			add("settled", fmt.Sprintf("%s settled: upstream %t, dsplan %t", key, w.Settled, g.Settled))
		}
	}
	return diffs, kind
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
		"seed":        s.Seed,
		"kind":        o.kind,
		"differences": o.diffs,
		"reproduce": fmt.Sprintf("dsplan rollout -o json --snapshot %s.snapshot.json --daemonset %s.daemonset.json; oracle rollout (same arguments)",
			base, base),
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
