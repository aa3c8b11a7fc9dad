// plan.go owns the per-node answer: upstream's DaemonSet controller decision
// (daemon.NodeShouldRunDaemonPod), which daemon pods already exist on each node (the controller's
// own claim and grouping helpers), and the scheduler verdict for the pod the controller would
// create (scheduler.go). It prints dsplan's JSON report contract, restricted to the fields compared.
package main

import (
	"context"
	"fmt"
	"reflect"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
	"k8s.io/kubernetes/pkg/controller"
	"k8s.io/kubernetes/pkg/controller/daemon"
	daemonutil "k8s.io/kubernetes/pkg/controller/daemon/util"
)

// syntheticUID stands in for the UID the API server assigns to a DaemonSet manifest that has none;
// no existing pod can be owned by it.
const syntheticUID = "dsplan-oracle-unassigned-uid"

// report is the subset of dsplan's PlanReport the oracle answers.
type report struct {
	DaemonSets []daemonSetPlan `json:"daemonSets"`
}

type daemonSetPlan struct {
	Namespace string     `json:"namespace"`
	Name      string     `json:"name"`
	Nodes     []nodePlan `json:"nodes"`
}

// key is the DaemonSet's namespace/name.
func (d daemonSetPlan) key() string { return d.Namespace + "/" + d.Name }

type nodePlan struct {
	Node                  string   `json:"node"`
	ShouldRun             bool     `json:"shouldRun"`
	ShouldContinueRunning bool     `json:"shouldContinueRunning"`
	Schedulable           *bool    `json:"schedulable"`
	Reasons               []string `json:"reasons"`
}

// plan answers for every DaemonSet of the inputs.
func plan(ctx context.Context, in *inputs) (*report, error) {
	sched, err := newScheduler(ctx)
	if err != nil {
		return nil, err
	}
	out := &report{DaemonSets: []daemonSetPlan{}}
	for _, ds := range in.daemonSetsToPlan() {
		p, err := planDaemonSet(ctx, sched, ds.DeepCopy(), in)
		if err != nil {
			return nil, fmt.Errorf("daemonset %s/%s: %w", namespaceOf(ds), ds.Name, err)
		}
		out.DaemonSets = append(out.DaemonSets, p)
	}
	return out, nil
}

func planDaemonSet(ctx context.Context, sched *scheduler, ds *appsv1.DaemonSet, in *inputs) (daemonSetPlan, error) {
	ds.Namespace = namespaceOf(ds)
	if ds.UID == "" {
		ds.UID = syntheticUID
	}
	logger := klog.FromContext(ctx)
	byNode, syncs, err := daemonPodsByNode(ctx, ds, in.pods)
	if err != nil {
		return daemonSetPlan{}, err
	}
	out := daemonSetPlan{Namespace: ds.Namespace, Name: ds.Name, Nodes: []nodePlan{}}
	for _, node := range in.nodes {
		shouldRun, shouldContinue := daemon.NodeShouldRunDaemonPod(logger, node, ds)
		np := nodePlan{Node: node.Name, ShouldRun: shouldRun, ShouldContinueRunning: shouldContinue, Reasons: []string{}}
		_, exists := byNode[node.Name]
		switch {
		case !shouldRun:
			np.Reasons, err = sched.controllerReasons(ctx, ds, node)
			if err != nil {
				return daemonSetPlan{}, fmt.Errorf("node %q: %w", node.Name, err)
			}
		case syncs && !exists && ds.Spec.Template.Spec.NodeName == "" && node.Name != "":
			// podsShouldBeOnNode: shouldRun && !exists creates a pod; a template nodeName
			// bypasses the scheduler; a nameless node cannot be targeted by matchFields.
			pod, err := podToCreate(ds, node.Name)
			if err != nil {
				return daemonSetPlan{}, err
			}
			fits, reasons, err := sched.filter(ctx, pod, node, podsOnNode(node.Name, in.pods))
			if err != nil {
				return daemonSetPlan{}, fmt.Errorf("node %q: %w", node.Name, err)
			}
			np.Schedulable = &fits
			np.Reasons = reasons
		}
		out.Nodes = append(out.Nodes, np)
	}
	return out, nil
}

// daemonPodsByNode mirrors DaemonSetsController.getNodesToDaemonPods(ds, includeDeletedTerminal=
// false) with the exported pieces it is made of: the pod controller index, FilterPodsByOwner,
// PodControllerRefManager.ClaimPods (adopt and release) and util.GetTargetNodeName. syncs is false
// when syncDaemonSet returns before reconciling (selector selects everything, the DaemonSet is
// being deleted, or its selector does not parse), so no pod is created.
func daemonPodsByNode(ctx context.Context, ds *appsv1.DaemonSet, pods []*corev1.Pod) (map[string][]*corev1.Pod, bool, error) {
	if reflect.DeepEqual(ds.Spec.Selector, &metav1.LabelSelector{}) || ds.DeletionTimestamp != nil {
		return nil, false, nil
	}
	selector, err := metav1.LabelSelectorAsSelector(ds.Spec.Selector)
	if err != nil {
		return nil, false, nil
	}
	informer := cache.NewSharedIndexInformer(&cache.ListWatch{}, &corev1.Pod{}, 0, cache.Indexers{})
	if err := controller.AddPodControllerIndexer(informer); err != nil {
		return nil, false, err
	}
	for _, pod := range pods {
		if err := informer.GetIndexer().Add(pod.DeepCopy()); err != nil {
			return nil, false, err
		}
	}
	candidates, err := controller.FilterPodsByOwner(informer.GetIndexer(), &ds.ObjectMeta, "DaemonSet", true)
	if err != nil {
		return nil, false, err
	}
	notDeleted := controller.RecheckDeletionTimestamp(func(context.Context) (metav1.Object, error) { return ds, nil })
	manager := controller.NewPodControllerRefManager(&controller.FakePodControl{}, ds, selector,
		appsv1.SchemeGroupVersion.WithKind("DaemonSet"), notDeleted)
	claimed, err := manager.ClaimPods(ctx, candidates)
	if err != nil {
		return nil, false, err
	}
	byNode := map[string][]*corev1.Pod{}
	for _, pod := range claimed {
		if podutil.IsPodTerminal(pod) && pod.DeletionTimestamp != nil {
			continue
		}
		nodeName, err := daemonutil.GetTargetNodeName(pod)
		if err != nil {
			continue
		}
		byNode[nodeName] = append(byNode[nodeName], pod)
	}
	return byNode, true, nil
}

// podToCreate builds the pod DaemonSetsController.syncNodes creates for nodeName
// (util.CreatePodTemplate, util.ReplaceDaemonSetPodNodeNameNodeAffinity,
// controller.GetPodFromTemplate), then applies the API server's Pod defaulting, as the scheduler
// sees the stored pod.
func podToCreate(ds *appsv1.DaemonSet, nodeName string) (*corev1.Pod, error) {
	generation, err := daemonutil.GetTemplateGeneration(ds)
	if err != nil {
		generation = nil
	}
	template := daemonutil.CreatePodTemplate(ds.Spec.Template, generation, "")
	template.Spec.Affinity = daemonutil.ReplaceDaemonSetPodNodeNameNodeAffinity(template.Spec.Affinity, nodeName)
	pod, err := controller.GetPodFromTemplate(&template, ds, metav1.NewControllerRef(ds, appsv1.SchemeGroupVersion.WithKind("DaemonSet")))
	if err != nil {
		return nil, err
	}
	pod.Namespace = ds.Namespace
	legacyscheme.Scheme.Default(pod)
	return pod, nil
}

// podsOnNode is the scheduler cache's view of a node: pods bound to it that are not terminal (the
// scheduler's pod informer selects status.phase!=Succeeded,status.phase!=Failed).
func podsOnNode(nodeName string, pods []*corev1.Pod) []*corev1.Pod {
	var out []*corev1.Pod
	for _, pod := range pods {
		if pod.Spec.NodeName == nodeName && pod.Status.Phase != corev1.PodSucceeded && pod.Status.Phase != corev1.PodFailed {
			out = append(out, pod)
		}
	}
	return out
}
