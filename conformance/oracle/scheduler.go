// scheduler.go owns the kube-scheduler side: the default Filter plugins that apply to a DaemonSet
// pod (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit),
// built by their own factories with the default plugin args, run in the default profile's order
// with the framework's PreFilter/Skip/first-failure rules; and the scheduler-equivalent reason for
// a negative controller decision.
package main

import (
	"context"
	"fmt"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	utilfeature "k8s.io/apiserver/pkg/util/feature"
	configv1 "k8s.io/kube-scheduler/config/v1"
	fwk "k8s.io/kube-scheduler/framework"
	"k8s.io/kubernetes/pkg/controller/daemon"
	"k8s.io/kubernetes/pkg/scheduler/apis/config"
	schedscheme "k8s.io/kubernetes/pkg/scheduler/apis/config/scheme"
	"k8s.io/kubernetes/pkg/scheduler/framework"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/feature"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/names"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/nodeaffinity"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/nodename"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/nodeports"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/noderesources"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/nodeunschedulable"
	"k8s.io/kubernetes/pkg/scheduler/framework/plugins/tainttoleration"
)

// handle is the framework handle given to the plugins. The snapshot carries no DeviceClasses, so
// the DRA manager is absent (NodeResourcesFit then never delegates an extended resource to DRA);
// no other handle method is reached by these plugins' PreFilter and Filter.
type handle struct{ fwk.Handle }

func (handle) SharedDRAManager() fwk.SharedDRAManager { return nil }

type scheduler struct {
	// preFilters and filters are in the default profile's order (getDefaultPlugins).
	preFilters []fwk.PreFilterPlugin
	filters    []fwk.FilterPlugin
	byName     map[string]fwk.FilterPlugin
}

// defaultArgs returns a plugin's v1 args defaulted by the scheduler config scheme and converted to
// the internal type, as kube-scheduler builds them from an empty configuration.
func defaultArgs(external, internal runtime.Object) (runtime.Object, error) {
	schedscheme.Scheme.Default(external)
	if err := schedscheme.Scheme.Convert(external, internal, nil); err != nil {
		return nil, err
	}
	return internal, nil
}

func newScheduler(ctx context.Context) (*scheduler, error) {
	fts := feature.NewSchedulerFeaturesFromGates(utilfeature.DefaultFeatureGate)
	h := handle{}
	affinityArgs, err := defaultArgs(&configv1.NodeAffinityArgs{}, &config.NodeAffinityArgs{})
	if err != nil {
		return nil, err
	}
	fitArgs, err := defaultArgs(&configv1.NodeResourcesFitArgs{}, &config.NodeResourcesFitArgs{})
	if err != nil {
		return nil, err
	}
	type factory struct {
		build func(context.Context, runtime.Object, fwk.Handle, feature.Features) (fwk.Plugin, error)
		args  runtime.Object
	}
	s := &scheduler{byName: map[string]fwk.FilterPlugin{}}
	for _, f := range []factory{
		{nodeunschedulable.New, nil},
		{nodename.New, nil},
		{tainttoleration.New, nil},
		{nodeaffinity.New, affinityArgs},
		{nodeports.New, nil},
		{noderesources.NewFit, fitArgs},
	} {
		plugin, err := f.build(ctx, f.args, h, fts)
		if err != nil {
			return nil, err
		}
		if pre, ok := plugin.(fwk.PreFilterPlugin); ok {
			s.preFilters = append(s.preFilters, pre)
		}
		filter := plugin.(fwk.FilterPlugin)
		s.filters = append(s.filters, filter)
		s.byName[filter.Name()] = filter
	}
	// The default profile runs PreFilter in multi-point order too: NodeAffinity, NodePorts,
	// NodeResourcesFit.
	return s, nil
}

// filter runs PreFilter then Filter for pod on node, like the framework's RunPreFilterPlugins and
// RunFilterPlugins for one node: a Skip status skips that plugin's Filter, the first failing
// plugin decides and only its reasons are kept.
func (s *scheduler) filter(ctx context.Context, pod *corev1.Pod, node *corev1.Node, pods []*corev1.Pod) (bool, []string, error) {
	nodeInfo := framework.NewNodeInfo(pods...)
	nodeInfo.SetNode(node)
	state := framework.NewCycleState()
	skipped := map[string]bool{}
	for _, pre := range s.preFilters {
		result, status := pre.PreFilter(ctx, state, pod, []fwk.NodeInfo{nodeInfo})
		switch {
		case status.IsSkip():
			skipped[pre.Name()] = true
		case !status.IsSuccess():
			if status.Code() == fwk.Error {
				return false, nil, status.AsError()
			}
			return false, status.Reasons(), nil
		case result != nil && !result.AllNodes() && !result.NodeNames.Has(node.Name):
			// schedule_one.go findNodesThatFitPod: nodes outside the PreFilter result.
			return false, []string{fmt.Sprintf("node(s) didn't satisfy plugin(s) [%s]", pre.Name())}, nil
		}
	}
	for _, f := range s.filters {
		if skipped[f.Name()] {
			continue
		}
		status := f.Filter(ctx, state, pod, nodeInfo)
		if status.IsSuccess() {
			continue
		}
		if status.Code() == fwk.Error {
			return false, nil, status.AsError()
		}
		reasons := status.Reasons()
		if f.Name() == names.NodeResourcesFit {
			reasons = orderResourceReasons(reasons)
		}
		return false, reasons, nil
	}
	return true, []string{}, nil
}

// orderResourceReasons keeps fitsRequest's fixed order (pods, cpu, memory, ephemeral-storage) and
// sorts the scalar-resource reasons, which upstream emits in Go map order.
func orderResourceReasons(reasons []string) []string {
	fixed := map[string]bool{"Too many pods": true, "Insufficient cpu": true, "Insufficient memory": true, "Insufficient ephemeral-storage": true}
	var head, scalars []string
	for _, r := range reasons {
		if fixed[r] {
			head = append(head, r)
		} else {
			scalars = append(scalars, r)
		}
	}
	sort.Strings(scalars)
	return append(head, scalars...)
}

// controllerReasons gives the scheduler-equivalent reason for a negative NodeShouldRunDaemonPod,
// in its rule order: the template's nodeName (NodeName plugin on the created pod), then
// nodeSelector and required affinity, then NoSchedule/NoExecute taints (NodeAffinity and
// TaintToleration plugins on the controller's candidate pod daemon.NewPod).
func (s *scheduler) controllerReasons(ctx context.Context, ds *appsv1.DaemonSet, node *corev1.Node) ([]string, error) {
	nodeInfo := framework.NewNodeInfo()
	nodeInfo.SetNode(node)
	if name := ds.Spec.Template.Spec.NodeName; name != "" && name != node.Name {
		pod := daemon.NewPod(ds, name)
		return s.mustFail(ctx, names.NodeName, pod, nodeInfo)
	}
	pod := daemon.NewPod(ds, node.Name)
	state := framework.NewCycleState()
	if status := s.byName[names.NodeAffinity].Filter(ctx, state, pod, nodeInfo); !status.IsSuccess() {
		return status.Reasons(), nil
	}
	return s.mustFail(ctx, names.TaintToleration, pod, nodeInfo)
}

func (s *scheduler) mustFail(ctx context.Context, plugin string, pod *corev1.Pod, nodeInfo *framework.NodeInfo) ([]string, error) {
	status := s.byName[plugin].Filter(ctx, framework.NewCycleState(), pod, nodeInfo)
	if status.IsSuccess() {
		return nil, fmt.Errorf("oracle inconsistency: controller says no, but %s passes", plugin)
	}
	return status.Reasons(), nil
}
