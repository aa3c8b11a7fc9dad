package dsplan

import (
	"context"
	"encoding/json"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// Names Objects.Documents gives its documents; they appear in Error.File.
const (
	ObjectsSnapshotName = "snapshot.json"
	ObjectsProposedName = "proposed.json"
)

// Objects is a cluster snapshot and proposed DaemonSets as typed k8s.io/api objects. The objects
// are not modified; apiVersion and kind are filled in on copies when they are empty.
type Objects struct {
	Nodes      []*corev1.Node
	Pods       []*corev1.Pod
	DaemonSets []*appsv1.DaemonSet
	// ControllerRevisions tell the rollout which revision the pods run.
	ControllerRevisions []*appsv1.ControllerRevision
	// Proposed holds DaemonSets not yet applied (new ones, or new versions of DaemonSets).
	Proposed []*appsv1.DaemonSet
}

// list is a `kind: List` document.
type list struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Items      []any  `json:"items"`
}

// Documents encodes the objects as the `kind: List` documents ObjectsSnapshotName (role
// snapshot) and, when there are proposed DaemonSets, ObjectsProposedName (role proposed).
func (o Objects) Documents() ([]Document, error) {
	snapshot := list{APIVersion: "v1", Kind: "List", Items: []any{}}
	for _, node := range o.Nodes {
		node = node.DeepCopy()
		node.APIVersion, node.Kind = "v1", "Node"
		snapshot.Items = append(snapshot.Items, node)
	}
	for _, pod := range o.Pods {
		pod = pod.DeepCopy()
		pod.APIVersion, pod.Kind = "v1", "Pod"
		snapshot.Items = append(snapshot.Items, pod)
	}
	for _, ds := range o.DaemonSets {
		snapshot.Items = append(snapshot.Items, typedDaemonSet(ds))
	}
	for _, rev := range o.ControllerRevisions {
		rev = rev.DeepCopy()
		rev.APIVersion, rev.Kind = "apps/v1", "ControllerRevision"
		snapshot.Items = append(snapshot.Items, rev)
	}
	text, err := json.Marshal(snapshot)
	if err != nil {
		return nil, fmt.Errorf("dsplan: encode snapshot: %w", err)
	}
	documents := []Document{{Name: ObjectsSnapshotName, Text: string(text), Role: RoleSnapshot}}
	if len(o.Proposed) > 0 {
		proposed, err := proposedDocument(o.Proposed)
		if err != nil {
			return nil, err
		}
		documents = append(documents, proposed)
	}
	return documents, nil
}

// proposedDocument encodes daemonSets as the ObjectsProposedName document.
func proposedDocument(daemonSets []*appsv1.DaemonSet) (Document, error) {
	items := list{APIVersion: "v1", Kind: "List", Items: []any{}}
	for _, ds := range daemonSets {
		items.Items = append(items.Items, typedDaemonSet(ds))
	}
	text, err := json.Marshal(items)
	if err != nil {
		return Document{}, fmt.Errorf("dsplan: encode proposed DaemonSets: %w", err)
	}
	return Document{Name: ObjectsProposedName, Text: string(text), Role: RoleProposed}, nil
}

// PlanObjects plans with typed k8s.io/api objects: nodes, pods and the cluster's daemonSets form
// the snapshot, proposed holds DaemonSets not yet applied (nil: plan the cluster's own).
func (p *Planner) PlanObjects(ctx context.Context, nodes []*corev1.Node, pods []*corev1.Pod,
	daemonSets []*appsv1.DaemonSet, proposed []*appsv1.DaemonSet, gates FeatureGates) (*PlanReport, error) {
	documents, err := Objects{Nodes: nodes, Pods: pods, DaemonSets: daemonSets, Proposed: proposed}.Documents()
	if err != nil {
		return nil, err
	}
	return p.Plan(ctx, documents, gates)
}

// RolloutObjects is Rollout over typed k8s.io/api objects.
func (p *Planner) RolloutObjects(ctx context.Context, objects Objects, gates FeatureGates, timing *Timing) (*RolloutReport, error) {
	documents, err := objects.Documents()
	if err != nil {
		return nil, err
	}
	return p.Rollout(ctx, documents, gates, timing)
}

// CheckObjects is Check over typed k8s.io/api objects.
func (p *Planner) CheckObjects(ctx context.Context, objects Objects, policy *Policy, gates FeatureGates, timing *Timing) (*CheckReport, error) {
	documents, err := objects.Documents()
	if err != nil {
		return nil, err
	}
	return p.Check(ctx, documents, policy, gates, timing)
}

// ValidateObjects is Validate over typed DaemonSets (sent as the ObjectsProposedName document).
func (p *Planner) ValidateObjects(ctx context.Context, daemonSets ...*appsv1.DaemonSet) (*ValidationReport, error) {
	document, err := proposedDocument(daemonSets)
	if err != nil {
		return nil, err
	}
	return p.Validate(ctx, []Document{document})
}

func typedDaemonSet(ds *appsv1.DaemonSet) *appsv1.DaemonSet {
	ds = ds.DeepCopy()
	ds.APIVersion, ds.Kind = "apps/v1", "DaemonSet"
	return ds
}
