// Command oracle is dsplan's differential conformance oracle: it answers dsplan's placement and
// rollout questions with upstream Kubernetes code (see CONFORMANCE.md one directory up).
//
//	oracle plan --snapshot FILE... --daemonset FILE... [--feature-gates A=true,...]
//	oracle gen --seed N --out DIR
//	oracle compare --dsplan PATH [--seeds N] [--first-seed S] [--out DIR] [--keep-going]
//		[--oracle-feature-gates A=false,...]
//	oracle rollout --snapshot FILE... --daemonset FILE... [--feature-gates A=true,...]
//	oracle gen-rollout --seed N --out DIR
//	oracle compare-rollout --dsplan PATH [--seeds N] [--first-seed S] [--out DIR] [--keep-going]
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/go-logr/logr"

	utilfeature "k8s.io/apiserver/pkg/util/feature"
	"k8s.io/klog/v2"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return fmt.Sprint(*l) }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// splitArgs rewrites `--flag v1 v2` into `--flag v1 --flag v2` for the list flags, so the
// oracle accepts the same command lines as dsplan. Every flag of the oracle takes a value.
func splitArgs(args []string, lists map[string]bool) []string {
	var out []string
	current, needValue := "", false
	for _, a := range args {
		if needValue {
			needValue = false
			out = append(out, a)
			continue
		}
		if len(a) > 1 && a[0] == '-' {
			name := strings.TrimLeft(a, "-")
			before, _, hasValue := strings.Cut(name, "=")
			current, needValue = "", !hasValue
			if lists[before] {
				current = before
			}
			out = append(out, a)
			continue
		}
		if current != "" {
			out = append(out, "--"+current)
		}
		out = append(out, a)
	}
	return out
}

// defaultGates are the v1.36 defaults of the gates dsplan accepts; setGates restores them before
// applying a spec, so one process can plan scenarios with different gates.
const defaultGates = "TaintTolerationComparisonOperators=false,PodLevelResources=true,InPlacePodLevelResourcesVerticalScaling=true"

// setGates applies a dsplan --feature-gates value. kube components refuse
// PodLevelResources=false while InPlacePodLevelResourcesVerticalScaling (beta, on; it only
// concerns resizing running pods) depends on it, so that dependent gate is switched off with it.
func setGates(spec string) error {
	if err := utilfeature.DefaultMutableFeatureGate.Set(defaultGates); err != nil {
		return err
	}
	if spec == "" {
		return nil
	}
	for _, entry := range strings.Split(spec, ",") {
		name, value, _ := strings.Cut(entry, "=")
		if on, err := strconv.ParseBool(strings.TrimSpace(value)); err == nil && !on && strings.TrimSpace(name) == "PodLevelResources" {
			spec += ",InPlacePodLevelResourcesVerticalScaling=false"
		}
	}
	return utilfeature.DefaultMutableFeatureGate.Set(spec)
}

func main() {
	// Upstream code logs through klog (for example unparsable numeric taint values); the oracle's
	// output is its JSON answer only.
	klog.SetLogger(logr.Discard())
	if len(os.Args) < 2 {
		fail(fmt.Errorf("usage: oracle plan|gen|compare|rollout|gen-rollout|compare-rollout ..."))
	}
	ctx := context.Background()
	var err error
	switch os.Args[1] {
	case "plan":
		err = runPlan(ctx, os.Args[2:])
	case "gen":
		err = runGen(os.Args[2:])
	case "compare":
		err = runCompare(ctx, os.Args[2:])
	case "rollout":
		err = runRollout(ctx, os.Args[2:])
	case "gen-rollout":
		err = runGenRollout(os.Args[2:])
	case "compare-rollout":
		err = runCompareRollout(ctx, os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if errors.Is(err, errDisagreement) {
		os.Exit(1)
	}
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "oracle:", err)
	os.Exit(2)
}

// inputFlags are the input flags `oracle plan` and `oracle rollout` share with dsplan's plan and
// rollout commands.
type inputFlags struct {
	snapshots, daemonSets listFlag
	gates                 string
}

// register adds the input flags to fs.
func (f *inputFlags) register(fs *flag.FlagSet) {
	fs.Var(&f.snapshots, "snapshot", "cluster snapshot file (repeatable)")
	fs.Var(&f.daemonSets, "daemonset", "DaemonSet manifest file (repeatable)")
	fs.StringVar(&f.gates, "feature-gates", "", "Name=bool,...")
	fs.String("o", "json", "output format (json only)")
}

// read parses args into fs (accepting dsplan's `--snapshot a b` form of the list flags), applies
// the feature gates with applyGates and reads the input files.
func (f *inputFlags) read(fs *flag.FlagSet, args []string, applyGates func(string) error) (*inputs, error) {
	if err := fs.Parse(splitArgs(args, map[string]bool{"snapshot": true, "daemonset": true})); err != nil {
		return nil, err
	}
	if err := applyGates(f.gates); err != nil {
		return nil, err
	}
	return readInputs(f.snapshots, f.daemonSets)
}

// printJSON prints an answer as indented JSON on stdout.
func printJSON(answer any) error {
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(answer)
}

func runPlan(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("plan", flag.ExitOnError)
	var f inputFlags
	f.register(fs)
	in, err := f.read(fs, args, setGates)
	if err != nil {
		return err
	}
	out, err := plan(ctx, in)
	if err != nil {
		return err
	}
	return printJSON(out)
}
