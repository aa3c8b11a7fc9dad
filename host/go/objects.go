package dsplan

import (
	"context"
	"encoding/json"
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
)

// Names PlanObjects gives its documents; they appear in Error.File.
const (
	ObjectsSnapshotName = "snapshot.json"
	ObjectsProposedName = "proposed.json"
)

// list is a `kind: List` document.
type list struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Items      []any  `json:"items"`
}

// PlanObjects plans with typed k8s.io/api objects: nodes, pods and the cluster's daemonSets form
// the snapshot, proposed holds DaemonSets not yet applied (nil: plan the cluster's own). The
// objects are not modified; apiVersion and kind are filled in on copies when they are empty.
func (p *Planner) PlanObjects(ctx context.Context, nodes []*corev1.Node, pods []*corev1.Pod,
	daemonSets []*appsv1.DaemonSet, proposed []*appsv1.DaemonSet, gates FeatureGates) (*PlanReport, error) {
	snapshot := list{APIVersion: "v1", Kind: "List", Items: []any{}}
	for _, node := range nodes {
		node = node.DeepCopy()
		node.APIVersion, node.Kind = "v1", "Node"
		snapshot.Items = append(snapshot.Items, node)
	}
	for _, pod := range pods {
		pod = pod.DeepCopy()
		pod.APIVersion, pod.Kind = "v1", "Pod"
		snapshot.Items = append(snapshot.Items, pod)
	}
	for _, ds := range daemonSets {
		snapshot.Items = append(snapshot.Items, typedDaemonSet(ds))
	}
	text, err := json.Marshal(snapshot)
	if err != nil {
		return nil, fmt.Errorf("dsplan: encode snapshot: %w", err)
	}
	documents := []Document{{Name: ObjectsSnapshotName, Text: string(text), Role: RoleSnapshot}}
	if len(proposed) > 0 {
		items := list{APIVersion: "v1", Kind: "List", Items: []any{}}
		for _, ds := range proposed {
			items.Items = append(items.Items, typedDaemonSet(ds))
		}
		text, err := json.Marshal(items)
		if err != nil {
			return nil, fmt.Errorf("dsplan: encode proposed DaemonSets: %w", err)
		}
		documents = append(documents, Document{Name: ObjectsProposedName, Text: string(text), Role: RoleProposed})
	}
	return p.Plan(ctx, documents, gates)
}

func typedDaemonSet(ds *appsv1.DaemonSet) *appsv1.DaemonSet {
	ds = ds.DeepCopy()
	ds.APIVersion, ds.Kind = "apps/v1", "DaemonSet"
	return ds
}
