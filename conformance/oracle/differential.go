// differential.go owns what `compare` and `compare-rollout` share: their common flags, the seed
// loop (generate, compare, shrink and write a disagreement, count), reading a case through the
// oracle's input path, running the dsplan binary, collecting differences, and the files a
// disagreement is written to.
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
)

// errInvalid marks a scenario the API server would refuse: a generator bug, or a shrinking step
// to undo.
var errInvalid = errors.New("input the API server would reject")

// errDisagreement makes the process exit 1 (a disagreement), not 2 (a broken run).
var errDisagreement = errors.New("disagreement found")

// verdict is what one comparison found: kind is "" when both sides agree, else the part of the
// first difference; diffs lists every difference.
type verdict struct {
	kind  string
	diffs []string
}

// add records a difference in part kind.
func (v *verdict) add(kind, diff string) {
	if v.kind == "" {
		v.kind = kind
	}
	v.diffs = append(v.diffs, diff)
}

// result is the verdict of an outcome that embeds it.
func (v verdict) result() verdict { return v }

// pairDaemonSets calls each for every DaemonSet of the upstream answer with dsplan's answer for
// the same namespace/name; one missing from dsplan's answer (named by what) is a "missing"
// difference.
func pairDaemonSets[D interface{ key() string }](v *verdict, what string, want, got []D, each func(key string, w, g D)) {
	gotByKey := map[string]D{}
	for _, d := range got {
		gotByKey[d.key()] = d
	}
	for _, w := range want {
		key := w.key()
		g, ok := gotByKey[key]
		if !ok {
			v.add("missing", fmt.Sprintf("%s: missing from dsplan's %s", key, what))
			continue
		}
		each(key, w, g)
	}
}

// dsplanFailed is the verdict when dsplan rejects an input the oracle answers.
func dsplanFailed(err error) verdict {
	return verdict{kind: "dsplan-error", diffs: []string{err.Error()}}
}

// runOptions are the flags `compare` and `compare-rollout` share.
type runOptions struct {
	dsplan    string
	seeds     uint64
	first     uint64
	out       string
	keepGoing bool
}

// register adds the shared flags to fs, with seeds as the default number of seeds.
func (o *runOptions) register(fs *flag.FlagSet, seeds uint64) {
	fs.StringVar(&o.dsplan, "dsplan", "", "path to the dsplan binary")
	fs.Uint64Var(&o.seeds, "seeds", seeds, "number of seeds")
	fs.Uint64Var(&o.first, "first-seed", 1, "first seed")
	fs.StringVar(&o.out, "out", "conformance/disagreements", "where a disagreement is written")
	fs.BoolVar(&o.keepGoing, "keep-going", false, "record every disagreeing seed instead of stopping at the first")
}

// setUp parses args into fs (--dsplan is required) and makes the run's scratch directory, named
// with prefix; the caller removes it.
func (o *runOptions) setUp(fs *flag.FlagSet, args []string, prefix string) (tmp string, err error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if o.dsplan == "" {
		return "", errors.New("--dsplan is required")
	}
	return os.MkdirTemp("", prefix)
}

// seedRun is one differential run over the seeds of its options, comparing outcomes of type O.
type seedRun[O interface{ result() verdict }] struct {
	runOptions
	// shrink reduces a disagreeing scenario (shrinkScenario) before it is written.
	shrink bool
	// label names a disagreement in the run's output.
	label    string
	generate func(seed uint64) (scenario, error)
	compare  func(scenario) (O, error)
	// record counts a compared seed (coverage, totals).
	record func(scenario, O)
	// write writes a disagreement below dir and returns the path of its description.
	write func(dir string, s scenario, o O) (string, error)
}

// run compares every seed and writes each disagreement, stopping at the first unless keepGoing;
// it returns how many seeds it compared and how many of them disagreed.
func (r seedRun[O]) run() (compared, failed int, err error) {
	for seed := r.first; seed < r.first+r.seeds; seed++ {
		s, err := r.generate(seed)
		if err != nil {
			return 0, 0, fmt.Errorf("seed %d: %w", seed, err)
		}
		o, err := r.compare(s)
		if err != nil {
			return 0, 0, fmt.Errorf("seed %d: %w", seed, err)
		}
		compared++
		r.record(s, o)
		kind := o.result().kind
		if kind == "" {
			continue
		}
		failed++
		small := s
		if r.shrink {
			small = shrinkScenario(s, func(cand scenario) bool {
				co, err := r.compare(cand)
				return err == nil && co.result().kind == kind
			})
		}
		so, err := r.compare(small)
		if err != nil {
			return 0, 0, fmt.Errorf("seed %d shrunk: %w", seed, err)
		}
		path, err := r.write(r.out, small, so)
		if err != nil {
			return 0, 0, err
		}
		v := so.result()
		fmt.Printf("seed %d: %s (%s), minimal case %s\n", seed, r.label, v.kind, path)
		for _, d := range v.diffs {
			fmt.Println("  " + d)
		}
		if !r.keepGoing {
			break
		}
	}
	return compared, failed, nil
}

// finish prints the coverage and the pass count of a run; any disagreement is errDisagreement.
func finish(cov coverage, compared, failed int) error {
	cov.print()
	fmt.Printf("%d passed, %d failed\n", compared-failed, failed)
	if failed > 0 {
		return errDisagreement
	}
	return nil
}

// readCase writes the scenario to <tmp>/case.snapshot.json and <tmp>/case.daemonset.json and
// reads them through the oracle's input path (the one `oracle plan` uses), under the feature
// gates the caller has set.
func readCase(tmp string, s scenario) (snapshot, daemonSet string, in *inputs, err error) {
	if err := s.write(tmp, "case"); err != nil {
		return "", "", nil, err
	}
	snapshot, daemonSet = filepath.Join(tmp, "case.snapshot.json"), filepath.Join(tmp, "case.daemonset.json")
	in, err = readInputs([]string{snapshot}, []string{daemonSet})
	if err != nil {
		return "", "", nil, fmt.Errorf("oracle input: %w", err)
	}
	if err := validateInputs(in); err != nil {
		return "", "", nil, fmt.Errorf("%w: %w", errInvalid, err)
	}
	return snapshot, daemonSet, in, nil
}

// runDsplan runs the dsplan binary and returns its standard output; its failure carries the exit
// status and standard error.
func runDsplan(ctx context.Context, dsplan string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, dsplan, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("dsplan failed (%v): %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return stdout.Bytes(), nil
}

// jsonText is v as compact JSON, as a difference quotes it.
func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// writeInputs writes the scenario's input files <dir>/<base>.snapshot.json and
// <dir>/<base>.daemonset.json, without the .gates file (the gates go on the command line).
func (s scenario) writeInputs(dir, base string) error {
	if err := s.write(dir, base); err != nil {
		return err
	}
	return os.Remove(filepath.Join(dir, base+".gates"))
}

// writeCase writes a disagreement: its input files (writeInputs) and <dir>/<base>.json, the
// fields of doc plus the seed, the verdict, the inputs and both answers (dsplan's is null when it
// gave none). It returns the path of <base>.json.
func writeCase(dir, base string, s scenario, v verdict, upstream any, dsplan json.RawMessage, doc map[string]any) (string, error) {
	if err := s.writeInputs(dir, base); err != nil {
		return "", err
	}
	if len(dsplan) == 0 {
		dsplan = json.RawMessage("null")
	}
	doc["seed"] = s.Seed
	doc["kind"] = v.kind
	doc["differences"] = v.diffs
	doc["snapshot"] = s.Snapshot
	doc["daemonset"] = s.DS
	doc["upstream"] = upstream
	doc["dsplan"] = dsplan
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, base+".json")
	return path, os.WriteFile(path, append(b, '\n'), 0o644)
}
