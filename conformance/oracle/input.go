// input.go owns reading the CLI's inputs: YAML or JSON files, multi-document YAML and `kind: List`
// (or `NodeList`, `PodList`, ...) wrappers, decoded and defaulted the way the API server stores
// objects (legacyscheme decodes any served version, runs the generated SetObjectDefaults_* funcs,
// including SetDefaults_Pod for pods and SetDefaults_NodeStatus for nodes, and converts to
// core/v1 and apps/v1).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/apis/apps"
	_ "k8s.io/kubernetes/pkg/apis/apps/install"
	"k8s.io/kubernetes/pkg/apis/core"
	_ "k8s.io/kubernetes/pkg/apis/core/install"
	_ "k8s.io/kubernetes/pkg/apis/extensions/install"
	"sigs.k8s.io/yaml"
)

// inputs is everything read from --snapshot and --daemonset files, in input order.
type inputs struct {
	nodes []*corev1.Node
	pods  []*corev1.Pod
	// snapshotDaemonSets come from --snapshot files, proposed from --daemonset files.
	snapshotDaemonSets []*appsv1.DaemonSet
	proposed           []*appsv1.DaemonSet
	// revisions are the snapshot's ControllerRevisions (read by `oracle rollout` only).
	revisions []*appsv1.ControllerRevision
}

// readInputs reads every snapshot and DaemonSet file.
func readInputs(snapshots, daemonSets []string) (*inputs, error) {
	in := &inputs{}
	for _, path := range snapshots {
		if err := in.readFile(path, false); err != nil {
			return nil, err
		}
	}
	for _, path := range daemonSets {
		if err := in.readFile(path, true); err != nil {
			return nil, err
		}
	}
	return in, nil
}

func (in *inputs) readFile(path string, proposed bool) error {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return err
	}
	// utilyaml's LineReader returns a last line that fills its 4096-byte buffer together with
	// io.EOF, and YAMLReader then drops that line: a file of exactly 4096·k bytes without a final
	// newline would read as empty. A final newline avoids it.
	if !bytes.HasSuffix(data, []byte("\n")) {
		data = append(data, '\n')
	}
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for doc := 0; ; doc++ {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s#%d: %w", path, doc, err)
		}
		if len(bytes.TrimSpace(chunk)) == 0 {
			continue
		}
		jsonDoc, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			return fmt.Errorf("%s#%d: %w", path, doc, err)
		}
		if string(bytes.TrimSpace(jsonDoc)) == "null" {
			continue
		}
		if err := in.addObject(jsonDoc, proposed); err != nil {
			return fmt.Errorf("%s#%d: %w", path, doc, err)
		}
	}
}

type typeMeta struct {
	APIVersion string            `json:"apiVersion"`
	Kind       string            `json:"kind"`
	Items      []json.RawMessage `json:"items"`
}

// addObject decodes one object, recursing into List items; kinds other than Node, Pod,
// DaemonSet and ControllerRevision are skipped, as the CLI skips them.
func (in *inputs) addObject(raw []byte, proposed bool) error {
	var meta typeMeta
	if err := json.Unmarshal(raw, &meta); err != nil {
		return err
	}
	if strings.HasSuffix(meta.Kind, "List") {
		for i, item := range meta.Items {
			if err := in.addObject(item, proposed); err != nil {
				return fmt.Errorf("items[%d]: %w", i, err)
			}
		}
		return nil
	}
	if meta.Kind != "Node" && meta.Kind != "Pod" && meta.Kind != "DaemonSet" && meta.Kind != "ControllerRevision" {
		return nil
	}
	// As the API server: decode and default in the request's version, convert to the internal
	// type, then to the stored version (core/v1, apps/v1), defaulted again as on every read.
	internal, _, err := legacyscheme.Codecs.UniversalDecoder().Decode(raw, nil, nil)
	if err != nil {
		return err
	}
	var out runtime.Object
	switch internal.(type) {
	case *core.Node:
		out = &corev1.Node{}
	case *core.Pod:
		out = &corev1.Pod{}
	case *apps.DaemonSet:
		out = &appsv1.DaemonSet{}
	case *apps.ControllerRevision:
		out = &appsv1.ControllerRevision{}
	default:
		return fmt.Errorf("decoded %s/%s as unexpected %T", meta.APIVersion, meta.Kind, internal)
	}
	if err := legacyscheme.Scheme.Convert(internal, out, nil); err != nil {
		return err
	}
	legacyscheme.Scheme.Default(out)
	switch o := out.(type) {
	case *corev1.Node:
		in.nodes = append(in.nodes, o)
	case *corev1.Pod:
		in.pods = append(in.pods, o)
	case *appsv1.DaemonSet:
		if proposed {
			in.proposed = append(in.proposed, o)
		} else {
			in.snapshotDaemonSets = append(in.snapshotDaemonSets, o)
		}
	case *appsv1.ControllerRevision:
		in.revisions = append(in.revisions, o)
	}
	return nil
}

// daemonSetsToPlan returns the snapshot DaemonSets with proposed versions substituted by
// namespace/name, followed by the proposed DaemonSets that are new.
func (in *inputs) daemonSetsToPlan() []*appsv1.DaemonSet {
	key := func(ds *appsv1.DaemonSet) string { return namespaceOf(ds) + "/" + ds.Name }
	proposed := map[string]*appsv1.DaemonSet{}
	for _, ds := range in.proposed {
		proposed[key(ds)] = ds
	}
	var out []*appsv1.DaemonSet
	seen := map[string]bool{}
	for _, ds := range in.snapshotDaemonSets {
		if p, ok := proposed[key(ds)]; ok {
			// An update keeps the stored object's identity (kubectl apply of a new version).
			if p.UID == "" {
				p.UID = ds.UID
			}
			ds = p
		}
		seen[key(ds)] = true
		out = append(out, ds)
	}
	for _, ds := range in.proposed {
		if !seen[key(ds)] {
			seen[key(ds)] = true
			out = append(out, ds)
		}
	}
	return out
}

func namespaceOf(ds *appsv1.DaemonSet) string {
	if ds.Namespace == "" {
		return "default"
	}
	return ds.Namespace
}
