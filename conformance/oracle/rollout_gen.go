// rollout_gen.go owns the seeded generator of update scenarios for `compare-rollout`: a
// DaemonSet at revision A with its pods on 1-8 nodes (Ready, not Ready, missing, two per node,
// already at the new revision, old and new side by side, terminating, one on a node that left),
// nodes that are NotReady, cordoned, too small for a second daemon pod, or in another zone,
// other workloads' pods, and a new template B (new image, sometimes a host port both revisions
// use, a nodeSelector that drops a zone, minReadySeconds, rarely no template change) with a
// RollingUpdate strategy (maxUnavailable as a number or percentage, or maxSurge as a number or
// percentage) or OnDelete. Snapshot objects are emitted as the API server stores them;
// B as a user writes it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	extensionsv1beta1 "k8s.io/api/extensions/v1beta1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	ktypes "k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	"k8s.io/kubernetes/pkg/controller"
)

var rolloutEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// rolloutTemplate is the DaemonSet's pod template at one revision.
func rolloutTemplate(image string, hostPort bool, zone string) corev1.PodTemplateSpec {
	container := corev1.Container{Name: "agent", Image: image, Resources: corev1.ResourceRequirements{
		Requests: corev1.ResourceList{corev1.ResourceCPU: q("100m"), corev1.ResourceMemory: q("300Mi")}}}
	if hostPort {
		container.Ports = []corev1.ContainerPort{{ContainerPort: 9100, HostPort: 9100, Protocol: corev1.ProtocolTCP}}
	}
	spec := corev1.PodSpec{Containers: []corev1.Container{container}}
	if zone != "" {
		spec.NodeSelector = map[string]string{"zone": zone}
	}
	return corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": dsName}}, Spec: spec}
}

func rolloutDaemonSetObject(template corev1.PodTemplateSpec) *appsv1.DaemonSet {
	return &appsv1.DaemonSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
		ObjectMeta: metav1.ObjectMeta{Name: dsName, Namespace: "default"},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": dsName}},
			Template: template,
		},
	}
}

// readyNode is a Ready node with room for several daemon pods, as the API server stores it.
func readyNode(name, zone string) *corev1.Node {
	node := &corev1.Node{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Node"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/hostname": name, "zone": zone}},
		Status: corev1.NodeStatus{
			Allocatable: corev1.ResourceList{corev1.ResourceCPU: q("4"), corev1.ResourceMemory: q("8Gi"), corev1.ResourcePods: q("110")},
			Conditions:  []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue}},
		},
	}
	node.Status.Capacity = node.Status.Allocatable.DeepCopy()
	legacyscheme.Scheme.Default(node)
	return node
}

func (g gen) rolloutNode(name string) *corev1.Node {
	node := readyNode(name, pick(g, "a", "a", "b"))
	switch {
	case g.chance(0.1):
		// NotReady, with the taints the node lifecycle controller adds (daemon pods tolerate them).
		node.Status.Conditions[0].Status = corev1.ConditionFalse
		node.Spec.Taints = []corev1.Taint{{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoSchedule},
			{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoExecute}}
	case g.chance(0.12):
		// Room for one daemon pod only: a surge pod cannot sit beside the old one.
		node.Status.Allocatable[corev1.ResourceMemory] = q("500Mi")
	case g.chance(0.08):
		node.Spec.Unschedulable = true
		node.Spec.Taints = []corev1.Taint{{Key: corev1.TaintNodeUnschedulable, Effect: corev1.TaintEffectNoSchedule}}
	}
	return node
}

// daemonPodAt is a pod of the DaemonSet (at revision A, or, updated, at B) on node, as the
// controller created it and the scheduler bound it: labelled with the template's
// controller-revision-hash (controller.ComputeHash, as constructHistory names the revision; the
// snapshot has no ControllerRevision, so both sides read the revision from the pods) and the
// DaemonSet's templateGeneration.
func daemonPodAt(ds *appsv1.DaemonSet, node, name, generation string, created time.Time) (*corev1.Pod, error) {
	hash := controller.ComputeHash(&ds.Spec.Template, ds.Status.CollisionCount)
	pod, err := podToCreate(ds, node)
	if err != nil {
		return nil, err
	}
	pod.TypeMeta = metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"}
	pod.Name, pod.UID, pod.GenerateName = name, ktypes.UID("uid-"+name), ""
	pod.CreationTimestamp = metav1.NewTime(created)
	pod.Labels[appsv1.DefaultDaemonSetUniqueLabelKey] = hash
	pod.Labels[extensionsv1beta1.DaemonSetTemplateGenerationKey] = generation
	pod.Spec.NodeName = node
	ready := metav1.NewTime(created.Add(30 * time.Second))
	pod.Status = corev1.PodStatus{Phase: corev1.PodRunning, Conditions: []corev1.PodCondition{
		{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: metav1.NewTime(created)},
		{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: ready}}}
	return pod, nil
}

// generateRollout makes the scenario of seed; without updatedPods, the nodes drawn to hold a pod
// of revision B already (alone or beside an old one) hold an old pod instead.
func generateRollout(seed uint64, updatedPods bool) (scenario, error) {
	g := gen{rand.New(rand.NewPCG(seed, 0x726f6c6c6f7574))}
	if err := setRolloutGates(""); err != nil {
		return scenario{}, err
	}
	hostPort := g.chance(0.3)
	oldDS := rolloutDaemonSetObject(rolloutTemplate("registry.example/agent:1.0", hostPort, ""))
	oldDS.UID, oldDS.Generation = dsUID, 1
	oldDS.Annotations = map[string]string{"deprecated.daemonset.template.generation": "1"}
	oldDS.CreationTimestamp = metav1.NewTime(rolloutEpoch)
	zone := ""
	if g.chance(0.2) {
		zone = "a"
	}
	image := "registry.example/agent:2.0"
	if g.chance(0.05) {
		// Only the strategy changes: no new revision, nothing to roll out.
		image, zone = "registry.example/agent:1.0", ""
	}
	newDS := rolloutDaemonSetObject(rolloutTemplate(image, hostPort, zone))
	if g.chance(0.2) {
		newDS.Spec.MinReadySeconds = 10
	}
	newDS.Spec.UpdateStrategy = g.strategy()
	// The updated pods a snapshot can already hold: created from B at templateGeneration 2.
	updatedDS := newDS.DeepCopy()
	updatedDS.UID, updatedDS.Annotations = dsUID, map[string]string{"deprecated.daemonset.template.generation": "2"}
	legacyscheme.Scheme.Default(oldDS)
	legacyscheme.Scheme.Default(updatedDS)

	var items []any
	nodes := 1 + g.n(8)
	for i := 0; i < nodes; i++ {
		name := fmt.Sprintf("node-%d", i)
		node := g.rolloutNode(name)
		items = append(items, node)
		created := rolloutEpoch.Add(time.Duration(i+1) * time.Minute)
		var pods []*corev1.Pod
		add := func(pod *corev1.Pod, err error) error {
			if err != nil {
				return err
			}
			pods = append(pods, pod)
			return nil
		}
		var err error
		switch kind := g.n(20); {
		case kind < 2: // no daemon pod
		case kind < 6 && !updatedPods:
			err = add(daemonPodAt(oldDS, name, name+"-old", "1", created))
		case kind < 4: // already updated
			err = add(daemonPodAt(updatedDS, name, name+"-new", "2", created))
		case kind < 5: // two old pods
			if err = add(daemonPodAt(oldDS, name, name+"-old", "1", created)); err == nil {
				err = add(daemonPodAt(oldDS, name, name+"-old2", "1", created.Add(time.Second)))
			}
		case kind < 6: // an interrupted surge: the old pod and a new one
			if err = add(daemonPodAt(oldDS, name, name+"-old", "1", created)); err == nil {
				err = add(daemonPodAt(updatedDS, name, name+"-new", "2", created.Add(time.Minute)))
			}
		default:
			err = add(daemonPodAt(oldDS, name, name+"-old", "1", created))
		}
		if err != nil {
			return scenario{}, err
		}
		for _, pod := range pods {
			switch {
			case g.chance(0.1):
				// Running but not Ready: an unavailable old pod.
				pod.Status.Conditions[1].Status = corev1.ConditionFalse
			case g.chance(0.05):
				ts := metav1.NewTime(rolloutEpoch.Add(time.Hour))
				grace := int64(30)
				pod.DeletionTimestamp, pod.DeletionGracePeriodSeconds = &ts, &grace
			}
			if node.Status.Conditions[0].Status != corev1.ConditionTrue {
				pod.Status.Conditions[1].Status = corev1.ConditionFalse
			}
			legacyscheme.Scheme.Default(pod)
			items = append(items, pod)
		}
		if g.chance(0.15) {
			// Another workload holding memory: the new pod fits only once the old one is gone.
			other := &corev1.Pod{
				TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
				ObjectMeta: metav1.ObjectMeta{Name: name + "-db", Namespace: "other", UID: ktypes.UID("uid-db-" + name), CreationTimestamp: metav1.NewTime(rolloutEpoch)},
				Spec: corev1.PodSpec{NodeName: name, Containers: []corev1.Container{{Name: "db", Image: "db", Resources: corev1.ResourceRequirements{
					Requests: corev1.ResourceList{corev1.ResourceMemory: q("7700Mi")}}}}},
				Status: corev1.PodStatus{Phase: corev1.PodRunning},
			}
			legacyscheme.Scheme.Default(other)
			items = append(items, other)
		}
	}
	if g.chance(0.08) {
		// A pod bound to a node that has left the cluster.
		pod, err := daemonPodAt(oldDS, "gone-node", "gone-node-old", "1", rolloutEpoch)
		if err != nil {
			return scenario{}, err
		}
		legacyscheme.Scheme.Default(pod)
		items = append(items, pod)
	}
	items = append(items, oldDS)
	snapshot, err := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": items})
	if err != nil {
		return scenario{}, err
	}
	ds, err := json.Marshal(newDS)
	if err != nil {
		return scenario{}, err
	}
	return scenario{Seed: seed, Snapshot: snapshot, DS: ds}, nil
}

// strategy is B's update strategy: RollingUpdate without surge (maxUnavailable a number or a
// percentage), with surge (maxUnavailable 0), or OnDelete.
func (g gen) strategy() appsv1.DaemonSetUpdateStrategy {
	rolling := func(unavailable, surge intstr.IntOrString) appsv1.DaemonSetUpdateStrategy {
		return appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType,
			RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxUnavailable: &unavailable, MaxSurge: &surge}}
	}
	switch g.n(7) {
	case 0, 1:
		return rolling(intstr.FromInt32(int32(1+g.n(3))), intstr.FromInt32(0))
	case 2:
		return rolling(intstr.FromString(pick(g, "25%", "50%", "10%")), intstr.FromInt32(0))
	case 3, 4:
		return rolling(intstr.FromInt32(0), intstr.FromInt32(int32(1+g.n(2))))
	case 5:
		return rolling(intstr.FromInt32(0), intstr.FromString(pick(g, "50%", "34%")))
	default:
		return appsv1.DaemonSetUpdateStrategy{Type: appsv1.OnDeleteDaemonSetStrategyType}
	}
}

func runGenRollout(args []string) error {
	fs := flag.NewFlagSet("gen-rollout", flag.ExitOnError)
	seed := fs.Uint64("seed", 1, "seed")
	out := fs.String("out", ".", "directory for rollout-<seed>.snapshot.json, rollout-<seed>.daemonset.json")
	updatedPods := fs.Bool("updated-pods", true, "let the snapshot hold pods of the new revision already")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := generateRollout(*seed, *updatedPods)
	if err != nil {
		return err
	}
	return s.writeInputs(*out, fmt.Sprintf("rollout-%d", *seed))
}
