// gen.go owns the seeded generator of random but valid clusters and DaemonSets: node labels,
// taints (pressure, NotReady, unreachable, out-of-service, custom, numeric), cordons, allocatable
// with extended resources and hugepages; a DaemonSet manifest with nodeSelector, required affinity
// using every operator and matchFields, tolerations (empty-key Exists, Equal, Gt/Lt, seconds),
// hostNetwork, host ports, container/init/sidecar requests and limits, overhead and pod-level
// resources; and existing pods (other workloads, owned, orphan, released and foreign daemon pods,
// in every phase, some terminating, some unscheduled). Existing pods and nodes are emitted as the
// API server stores them (defaulted); the DaemonSet as a user writes it (not defaulted).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	resourcehelper "k8s.io/component-helpers/resource"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
)

const (
	dsName = "agent"
	dsUID  = types.UID("ds-uid-0001")
)

// scenario is one generated case: the two input files' contents and the feature gates.
type scenario struct {
	Seed     uint64          `json:"seed"`
	Gates    string          `json:"featureGates"`
	Snapshot json.RawMessage `json:"snapshot"`
	DS       json.RawMessage `json:"daemonset"`
}

type gen struct{ r *rand.Rand }

func (g gen) chance(p float64) bool { return g.r.Float64() < p }
func (g gen) n(k int) int           { return g.r.IntN(k) }

func pick[T any](g gen, xs ...T) T { return xs[g.r.IntN(len(xs))] }

func generate(seed uint64) (scenario, error) {
	g := gen{rand.New(rand.NewPCG(seed, 0x6473706c616e))}
	comparison := g.chance(0.25)
	podLevel := !g.chance(0.1)
	// kube components (and dsplan) refuse PodLevelResources=false while the dependent
	// InPlacePodLevelResourcesVerticalScaling is on, so both are switched together.
	gates := fmt.Sprintf("TaintTolerationComparisonOperators=%t,PodLevelResources=%t,InPlacePodLevelResourcesVerticalScaling=%t", comparison, podLevel, podLevel)
	if err := setGates(gates); err != nil {
		return scenario{}, err
	}
	namespace := pick(g, "default", "kube-system", "")
	nodeCount := 1 + g.n(pick(g, 3, 6, 8))
	var nodeNames []string
	for i := 0; i < nodeCount; i++ {
		nodeNames = append(nodeNames, fmt.Sprintf("node-%d", i))
	}
	var items []any
	for _, name := range nodeNames {
		node := g.node(name)
		legacyscheme.Scheme.Default(node)
		items = append(items, node)
	}
	ns := namespace
	if ns == "" {
		ns = "default"
	}
	targets := append(append([]string{}, nodeNames...), "gone-node")
	for i, target := range targets {
		if target == "gone-node" && !g.chance(0.2) {
			continue
		}
		for k := 0; k < g.n(pick(g, 3, 4, 6)); k++ {
			pod := g.existingPod(fmt.Sprintf("p%d-%d", i, k), target, ns)
			legacyscheme.Scheme.Default(pod)
			items = append(items, pod)
		}
	}
	snapshot, err := json.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": items})
	if err != nil {
		return scenario{}, err
	}
	ds, err := json.Marshal(g.daemonSet(namespace, nodeNames, comparison))
	if err != nil {
		return scenario{}, err
	}
	return scenario{Seed: seed, Gates: gates, Snapshot: snapshot, DS: ds}, nil
}

var labelValues = map[string][]string{
	"zone": {"a", "b", "c"},
	"arch": {"amd64", "arm64"},
	"tier": {"1", "2", "10", "007", "x"},
	"gpu":  {"true", ""},
}

var labelKeys = []string{"zone", "arch", "tier", "gpu"}

func q(s string) resource.Quantity { return resource.MustParse(s) }

func (g gen) node(name string) *corev1.Node {
	node := &corev1.Node{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Node"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/hostname": name}},
	}
	for _, key := range labelKeys {
		if g.chance(0.6) {
			node.Labels[key] = pick(g, labelValues[key]...)
		}
	}
	taints := []corev1.Taint{
		{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeNotReady, Effect: corev1.TaintEffectNoExecute},
		{Key: corev1.TaintNodeUnreachable, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeUnreachable, Effect: corev1.TaintEffectNoExecute},
		{Key: corev1.TaintNodeMemoryPressure, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeDiskPressure, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodePIDPressure, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeNetworkUnavailable, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeUnschedulable, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeOutOfService, Value: "nodeshutdown", Effect: corev1.TaintEffectNoExecute},
		{Key: "node-role.kubernetes.io/control-plane", Effect: corev1.TaintEffectNoSchedule},
		{Key: "dedicated", Value: "gpu", Effect: corev1.TaintEffectNoSchedule},
		{Key: "dedicated", Value: "infra", Effect: corev1.TaintEffectNoExecute},
		{Key: "team", Value: "a", Effect: corev1.TaintEffectPreferNoSchedule},
		{Key: "level", Value: "5", Effect: corev1.TaintEffectNoSchedule},
		{Key: "level", Value: "12", Effect: corev1.TaintEffectNoExecute},
		{Key: "level", Value: "007", Effect: corev1.TaintEffectNoSchedule},
	}
	seen := map[string]bool{}
	count := 0
	if g.chance(0.5) {
		count = 1 + g.n(2)
	}
	for k := count; k > 0; k-- {
		t := pick(g, taints...)
		if id := t.Key + ":" + string(t.Effect); !seen[id] {
			seen[id] = true
			node.Spec.Taints = append(node.Spec.Taints, t)
		}
	}
	node.Spec.Unschedulable = g.chance(0.15)
	node.Status.Conditions = []corev1.NodeCondition{{Type: corev1.NodeReady, Status: pick(g, corev1.ConditionTrue, corev1.ConditionTrue, corev1.ConditionFalse, corev1.ConditionUnknown)}}
	if g.chance(0.2) {
		node.Status.Conditions = append(node.Status.Conditions, corev1.NodeCondition{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionTrue})
	}
	alloc := corev1.ResourceList{
		corev1.ResourceCPU:    q(pick(g, "500m", "1", "2", "4", "3500m")),
		corev1.ResourceMemory: q(pick(g, "512Mi", "1Gi", "4Gi", "2000M")),
	}
	if !g.chance(0.05) {
		alloc[corev1.ResourcePods] = q(pick(g, "1", "2", "3", "4", "110"))
	}
	if g.chance(0.7) {
		alloc[corev1.ResourceEphemeralStorage] = q(pick(g, "1Gi", "10Gi"))
	}
	if g.chance(0.3) {
		alloc["example.com/gpu"] = q(pick(g, "0", "1", "2"))
	}
	if g.chance(0.2) {
		alloc["hugepages-2Mi"] = q(pick(g, "0", "64Mi"))
	}
	node.Status.Allocatable = alloc
	node.Status.Capacity = alloc.DeepCopy()
	return node
}

// requests returns a random resource list; extended resources and hugepages come with equal
// limits, as API validation requires.
func (g gen) resources() corev1.ResourceRequirements {
	req := corev1.ResourceList{}
	if g.chance(0.7) {
		req[corev1.ResourceCPU] = q(pick(g, "50m", "100m", "250m", "500m", "1", "1500m", "0.3", "1001m", "2"))
	}
	if g.chance(0.6) {
		req[corev1.ResourceMemory] = q(pick(g, "64Mi", "128Mi", "1Gi", "300M", "1500Mi", "0.5Gi", "1e8", "129M", "1500m"))
	}
	if g.chance(0.08) {
		req[corev1.ResourceEphemeralStorage] = q(pick(g, "512Mi", "5Gi"))
	}
	out := corev1.ResourceRequirements{}
	switch {
	case g.chance(0.25):
		out.Limits = req
	case g.chance(0.2):
		out.Requests = req
		out.Limits = corev1.ResourceList{}
		for k, v := range req {
			out.Limits[k] = v.DeepCopy()
		}
	default:
		out.Requests = req
	}
	for _, ext := range []corev1.ResourceName{"example.com/gpu", "hugepages-2Mi"} {
		if g.chance(0.06) {
			v := q(pick(g, "1", "2"))
			if ext == "hugepages-2Mi" {
				v = q(pick(g, "2Mi", "128Mi"))
			}
			if out.Requests == nil {
				out.Requests = corev1.ResourceList{}
			}
			if out.Limits == nil {
				out.Limits = corev1.ResourceList{}
			}
			out.Requests[ext] = v
			out.Limits[ext] = v.DeepCopy()
			if ext == "hugepages-2Mi" {
				// Validation: hugepages require a cpu or memory request.
				out.Requests[corev1.ResourceMemory] = q("64Mi")
				out.Limits[corev1.ResourceMemory] = q("64Mi")
			}
		}
	}
	if len(out.Requests) == 0 {
		out.Requests = nil
	}
	if len(out.Limits) == 0 {
		out.Limits = nil
	}
	return out
}

func (g gen) ports() []corev1.ContainerPort {
	var ports []corev1.ContainerPort
	used := map[string]bool{}
	for k := g.n(3); k > 0; k-- {
		p := corev1.ContainerPort{ContainerPort: pick[int32](g, 80, 53, 9100, 8080)}
		if g.chance(0.6) {
			p.HostPort = pick[int32](g, 80, 53, 9100, 8080)
		}
		p.Protocol = pick(g, corev1.Protocol(""), corev1.ProtocolTCP, corev1.ProtocolUDP, corev1.ProtocolSCTP)
		if g.chance(0.2) {
			p.HostIP = pick(g, "127.0.0.1", "0.0.0.0", "10.0.0.1", "::", "::1")
		}
		proto := p.Protocol
		if proto == "" {
			proto = corev1.ProtocolTCP
		}
		// Validation: containerPort/protocol pairs are unique within a container.
		id := fmt.Sprint(p.ContainerPort, proto)
		if !used[id] {
			used[id] = true
			ports = append(ports, p)
		}
	}
	return ports
}

func (g gen) podSpec(prefix string) corev1.PodSpec {
	spec := corev1.PodSpec{}
	for i := 0; i < 1+g.n(2); i++ {
		spec.Containers = append(spec.Containers, corev1.Container{
			Name: fmt.Sprintf("%s%d", prefix, i), Image: "registry.example/agent:1",
			Resources: g.resources(), Ports: g.ports(),
		})
	}
	for i := g.n(3); i > 0; i-- {
		c := corev1.Container{Name: fmt.Sprintf("%sinit%d", prefix, i), Image: "registry.example/init:1", Resources: g.resources()}
		if g.chance(0.5) {
			always := corev1.ContainerRestartPolicyAlways
			c.RestartPolicy = &always
		}
		if g.chance(0.4) {
			c.Ports = g.ports()
		}
		spec.InitContainers = append(spec.InitContainers, c)
	}
	spec.HostNetwork = g.chance(0.25)
	uniqueHostPorts(&spec)
	if g.chance(0.15) {
		spec.Overhead = corev1.ResourceList{corev1.ResourceCPU: q("100m"), corev1.ResourceMemory: q(pick(g, "64Mi", "1Gi"))}
	}
	if g.chance(0.1) {
		spec.Resources = g.podLevelResources(spec)
	}
	return spec
}

// podLevelResources returns pod-level requests (and equal limits) for cpu and memory at or above
// the containers' aggregate, as validation requires, measured after Pod defaulting.
func (g gen) podLevelResources(spec corev1.PodSpec) *corev1.ResourceRequirements {
	pod := &corev1.Pod{Spec: *spec.DeepCopy()}
	legacyscheme.Scheme.Default(pod)
	agg := resourcehelper.PodRequests(pod, resourcehelper.PodResourcesOptions{SkipPodLevelResources: true, ExcludeOverhead: true})
	cpu, mem := agg[corev1.ResourceCPU], agg[corev1.ResourceMemory]
	cpu.Add(q(pick(g, "0", "100m", "1")))
	mem.Add(q(pick(g, "0", "256Mi")))
	req := corev1.ResourceList{corev1.ResourceCPU: cpu, corev1.ResourceMemory: mem}
	return &corev1.ResourceRequirements{Requests: req, Limits: req.DeepCopy()}
}

// uniqueHostPorts makes the ports valid for a pod: with hostNetwork a host port equals its
// container port (and Pod defaulting gives every port one), and a protocol/hostIP/hostPort is
// used once per pod; a port that would repeat one is dropped.
func uniqueHostPorts(spec *corev1.PodSpec) {
	seen := map[string]bool{}
	for _, containers := range [][]corev1.Container{spec.InitContainers, spec.Containers} {
		for i := range containers {
			var kept []corev1.ContainerPort
			for _, p := range containers[i].Ports {
				effective := p.HostPort
				if spec.HostNetwork {
					effective = p.ContainerPort
					if p.HostPort != 0 {
						p.HostPort = p.ContainerPort
					}
				}
				proto := p.Protocol
				if proto == "" {
					proto = corev1.ProtocolTCP
				}
				id := fmt.Sprintf("%s/%s/%d", proto, p.HostIP, effective)
				if effective != 0 && seen[id] {
					continue
				}
				seen[id] = true
				kept = append(kept, p)
			}
			containers[i].Ports = kept
		}
	}
}

func (g gen) requirement() corev1.NodeSelectorRequirement {
	key := pick(g, labelKeys...)
	op := pick(g, corev1.NodeSelectorOpIn, corev1.NodeSelectorOpNotIn, corev1.NodeSelectorOpExists,
		corev1.NodeSelectorOpDoesNotExist, corev1.NodeSelectorOpGt, corev1.NodeSelectorOpLt)
	r := corev1.NodeSelectorRequirement{Key: key, Operator: op}
	switch op {
	case corev1.NodeSelectorOpIn, corev1.NodeSelectorOpNotIn:
		for k := 1 + g.n(2); k > 0; k-- {
			r.Values = append(r.Values, pick(g, labelValues[key]...))
		}
	case corev1.NodeSelectorOpGt, corev1.NodeSelectorOpLt:
		r.Key = "tier"
		r.Values = []string{pick(g, "0", "1", "5", "9")}
	}
	return r
}

func (g gen) affinity(nodeNames []string) *corev1.Affinity {
	na := &corev1.NodeAffinity{}
	if g.chance(0.8) {
		sel := &corev1.NodeSelector{}
		for t := 1 + g.n(3); t > 0; t-- {
			term := corev1.NodeSelectorTerm{}
			for e := g.n(3); e > 0; e-- {
				term.MatchExpressions = append(term.MatchExpressions, g.requirement())
			}
			if g.chance(0.3) || len(term.MatchExpressions) == 0 {
				f := corev1.NodeSelectorRequirement{Key: metav1.ObjectNameField, Operator: pick(g, corev1.NodeSelectorOpIn, corev1.NodeSelectorOpNotIn)}
				f.Values = []string{pick(g, append(nodeNames, "gone-node")...)}
				term.MatchFields = append(term.MatchFields, f)
			}
			sel.NodeSelectorTerms = append(sel.NodeSelectorTerms, term)
		}
		na.RequiredDuringSchedulingIgnoredDuringExecution = sel
	}
	if g.chance(0.3) {
		na.PreferredDuringSchedulingIgnoredDuringExecution = []corev1.PreferredSchedulingTerm{{Weight: 10,
			Preference: corev1.NodeSelectorTerm{MatchExpressions: []corev1.NodeSelectorRequirement{g.requirement()}}}}
	}
	return &corev1.Affinity{NodeAffinity: na}
}

// tolerations draws from a pool; Gt and Lt only when TaintTolerationComparisonOperators is on,
// since API validation refuses them otherwise.
func (g gen) tolerations(comparison bool) []corev1.Toleration {
	secs := int64(300)
	pool := []corev1.Toleration{
		{Operator: corev1.TolerationOpExists},
		{Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute},
		{Key: "dedicated", Operator: corev1.TolerationOpEqual, Value: "gpu", Effect: corev1.TaintEffectNoSchedule},
		{Key: "dedicated", Operator: corev1.TolerationOpExists},
		{Key: "dedicated", Value: "infra", Effect: corev1.TaintEffectNoExecute, TolerationSeconds: &secs},
		{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: &secs},
		{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists},
		{Key: corev1.TaintNodeNetworkUnavailable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeMemoryPressure, Operator: corev1.TolerationOpEqual, Effect: corev1.TaintEffectNoSchedule},
		{Key: corev1.TaintNodeOutOfService, Operator: corev1.TolerationOpExists},
		{Key: "dedicated", Value: "gpu"},
		{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists},
		{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: &secs},
		{Key: "team", Operator: corev1.TolerationOpEqual, Value: "a", Effect: corev1.TaintEffectPreferNoSchedule},
		{Key: "node-role.kubernetes.io/control-plane", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	}
	if comparison {
		pool = append(pool,
			corev1.Toleration{Key: "level", Operator: corev1.TolerationOpGt, Value: pick(g, "3", "10", "-1"), Effect: corev1.TaintEffectNoSchedule},
			corev1.Toleration{Key: "level", Operator: corev1.TolerationOpLt, Value: pick(g, "6", "20")})
	}
	var out []corev1.Toleration
	for k := g.n(5); k > 0; k-- {
		out = append(out, pick(g, pool...))
	}
	return out
}

func (g gen) daemonSet(namespace string, nodeNames []string, comparison bool) *appsv1.DaemonSet {
	labels := map[string]string{"app": dsName}
	spec := g.podSpec("c")
	if g.chance(0.2) {
		spec.NodeSelector = map[string]string{}
		for k := 1 + g.n(2); k > 0; k-- {
			key := pick(g, labelKeys...)
			spec.NodeSelector[key] = pick(g, labelValues[key]...)
		}
	}
	if g.chance(0.35) {
		spec.Affinity = g.affinity(nodeNames)
	}
	spec.Tolerations = g.tolerations(comparison)
	if g.chance(0.04) {
		spec.NodeName = pick(g, append(nodeNames, "gone-node")...)
	}
	selector := &metav1.LabelSelector{MatchLabels: labels}
	if g.chance(0.2) {
		selector = &metav1.LabelSelector{MatchExpressions: []metav1.LabelSelectorRequirement{{Key: "app", Operator: metav1.LabelSelectorOpIn, Values: []string{dsName}}}}
	}
	return &appsv1.DaemonSet{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
		ObjectMeta: metav1.ObjectMeta{Name: dsName, Namespace: namespace, UID: dsUID},
		Spec: appsv1.DaemonSetSpec{
			Selector: selector,
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: spec},
		},
	}
}

// existingPod is a pod already in the cluster targeting node: another workload, or one of the
// DaemonSet's own, orphaned, released or foreign pods.
func (g gen) existingPod(name, node, dsNamespace string) *corev1.Pod {
	kind := pick(g, "other", "other", "daemon", "daemon", "orphan", "released", "foreign", "lookalike")
	spec := g.podSpec("p")
	pod := &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "other", UID: types.UID("uid-" + name),
			CreationTimestamp: metav1.NewTime(time.Date(2026, 1, 1, 0, g.n(60), 0, 0, time.UTC))},
		Spec: spec,
	}
	owner := func(dsName string, uid types.UID) {
		yes := true
		pod.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "DaemonSet", Name: dsName, UID: uid, Controller: &yes, BlockOwnerDeletion: &yes}}
	}
	switch kind {
	case "daemon":
		pod.Namespace, pod.Labels = dsNamespace, map[string]string{"app": dsName}
		owner(dsName, dsUID)
	case "orphan":
		pod.Namespace, pod.Labels = dsNamespace, map[string]string{"app": dsName}
	case "released":
		pod.Namespace, pod.Labels = dsNamespace, map[string]string{"app": "other"}
		owner(dsName, dsUID)
	case "lookalike":
		// The DaemonSet's labels, but in another namespace: never adopted.
		pod.Labels = map[string]string{"app": dsName}
	case "foreign":
		pod.Namespace, pod.Labels = dsNamespace, map[string]string{"app": dsName}
		owner("other-ds", "other-ds-uid")
	}
	if kind != "other" && g.chance(0.25) {
		// Unscheduled: the controller's matchFields affinity names the target node.
		pod.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{RequiredDuringSchedulingIgnoredDuringExecution: &corev1.NodeSelector{
			NodeSelectorTerms: []corev1.NodeSelectorTerm{{MatchFields: []corev1.NodeSelectorRequirement{{Key: metav1.ObjectNameField, Operator: corev1.NodeSelectorOpIn, Values: []string{node}}}}}}}}
		pod.Status.Phase = corev1.PodPending
	} else {
		pod.Spec.NodeName = node
		pod.Status.Phase = pick(g, corev1.PodRunning, corev1.PodRunning, corev1.PodPending, corev1.PodFailed, corev1.PodSucceeded)
	}
	if pod.Spec.NodeName != "" && pod.Status.Phase == corev1.PodRunning && g.chance(0.25) {
		g.resizeStatus(pod)
	}
	if g.chance(0.12) {
		ts := metav1.NewTime(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))
		grace := int64(30)
		pod.DeletionTimestamp, pod.DeletionGracePeriodSeconds = &ts, &grace
	}
	return pod
}

// resizeStatus gives a running pod the status an in-place resize leaves: actuated and allocated
// requests per container (and sidecar, and pod-level) that differ from the spec, sometimes with
// the resize marked Infeasible.
func (g gen) resizeStatus(pod *corev1.Pod) {
	status := func(c corev1.Container) corev1.ContainerStatus {
		actuated := g.resources().Requests
		return corev1.ContainerStatus{Name: c.Name, Image: c.Image, Ready: true,
			Resources:          &corev1.ResourceRequirements{Requests: actuated},
			AllocatedResources: g.resources().Requests}
	}
	for _, c := range pod.Spec.Containers {
		pod.Status.ContainerStatuses = append(pod.Status.ContainerStatuses, status(c))
	}
	for _, c := range pod.Spec.InitContainers {
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			pod.Status.InitContainerStatuses = append(pod.Status.InitContainerStatuses, status(c))
		}
	}
	if pod.Spec.Resources != nil {
		pod.Status.Resources = &corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: q(pick(g, "1", "5")), corev1.ResourceMemory: q("1Gi")}}
		pod.Status.AllocatedResources = corev1.ResourceList{corev1.ResourceCPU: q(pick(g, "2", "100m"))}
	}
	if g.chance(0.4) {
		pod.Status.Conditions = append(pod.Status.Conditions, corev1.PodCondition{Type: corev1.PodResizePending, Status: corev1.ConditionTrue,
			Reason: pick(g, corev1.PodReasonInfeasible, corev1.PodReasonDeferred)})
	}
}

func runGen(args []string) error {
	fs := flag.NewFlagSet("gen", flag.ExitOnError)
	seed := fs.Uint64("seed", 1, "seed")
	out := fs.String("out", ".", "directory for <seed>.snapshot.json, <seed>.daemonset.json, <seed>.gates")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := generate(*seed)
	if err != nil {
		return err
	}
	return s.write(*out, fmt.Sprint(*seed))
}

// write stores the scenario as the CLI's input files: <base>.snapshot.json,
// <base>.daemonset.json and <base>.gates (the --feature-gates value).
func (s scenario) write(dir, base string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for suffix, data := range map[string][]byte{".snapshot.json": s.Snapshot, ".daemonset.json": s.DS, ".gates": []byte(s.Gates)} {
		if err := os.WriteFile(filepath.Join(dir, base+suffix), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
