// rollout.go owns `oracle rollout`: the rollout of a DaemonSet update decided by the real
// upstream DaemonSetsController (pkg/controller/daemon), sync by sync, over a fake clientset
// seeded with the snapshot, as upstream's own controller tests drive it. Between syncs the oracle
// plays the informers (every write of a sync is observed before the next one), the API server's
// pod naming and graceful deletion, the scheduler (upstream Filter plugins, scheduler.go) and the
// kubelet, with dsplan's pod lifecycle model and timings (see the constants below).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"time"
	"unsafe"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes/fake"
	clienttesting "k8s.io/client-go/testing"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/flowcontrol"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	podutil "k8s.io/kubernetes/pkg/api/v1/pod"
	"k8s.io/kubernetes/pkg/apis/apps"
	"k8s.io/kubernetes/pkg/controller"
	"k8s.io/kubernetes/pkg/controller/daemon"
	daemonutil "k8s.io/kubernetes/pkg/controller/daemon/util"
	dsregistry "k8s.io/kubernetes/pkg/registry/apps/daemonset"
	testingclock "k8s.io/utils/clock/testing"
)

// rolloutGates is appended to the user's gates for a rollout. StaleControllerConsistencyDaemonSet
// (beta, on in v1.36) makes syncDaemonSet wait until its informers' last-synced resourceVersion
// reaches its own pod writes; the oracle never starts the informers (it fills their stores
// itself after every sync, see observe), so their resourceVersion stays empty and every sync
// would wait forever. With the gate off the controller uses the no-op store: the same decisions,
// since every write is observed before the next sync anyway.
const rolloutGates = "StaleControllerConsistencyDaemonSet=false"

// rolloutReport is the subset of dsplan's RolloutReport the oracle answers.
type rolloutReport struct {
	DaemonSets []daemonSetRollout `json:"daemonSets"`
}

type daemonSetRollout struct {
	Namespace string        `json:"namespace"`
	Name      string        `json:"name"`
	Steps     []rolloutStep `json:"steps"`
	Stuck     []stuckNode   `json:"stuck"`
	// Settled is false when the sync limit stopped the simulation.
	Settled bool `json:"settled"`
	// Errors are the distinct errors syncs returned, in order.
	Errors []string `json:"errors"`
}

// key is the DaemonSet's namespace/name.
func (d daemonSetRollout) key() string { return d.Namespace + "/" + d.Name }

// rolloutStep is one sync that created or deleted pods: node names, sorted.
type rolloutStep struct {
	Index  int      `json:"index"`
	Create []string `json:"create"`
	Delete []string `json:"delete"`
}

// stuckNode is a node the rollout does not finish on (dsplan also says why; the oracle does not).
type stuckNode struct {
	Node string `json:"node"`
}

func runRollout(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("rollout", flag.ExitOnError)
	var f inputFlags
	f.register(fs)
	follow := fs.String("follow", "", "`dsplan rollout -o json` output whose steps steer upstream's random choices")
	in, err := f.read(fs, args, setRolloutGates)
	if err != nil {
		return err
	}
	guides, err := readGuide(*follow)
	if err != nil {
		return err
	}
	out, err := rollout(ctx, in, guides)
	if err != nil {
		return err
	}
	return printJSON(out)
}

func setRolloutGates(spec string) error {
	if spec == "" {
		return setGates(rolloutGates)
	}
	return setGates(spec + "," + rolloutGates)
}

// readGuide reads dsplan's rollout JSON (--follow): the steps per namespace/name.
func readGuide(path string) (map[string][]rolloutStep, error) {
	guides := map[string][]rolloutStep{}
	if path == "" {
		return guides, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var report rolloutReport
	if err := json.Unmarshal(data, &report); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, ds := range report.DaemonSets {
		guides[ds.key()] = sortedSteps(ds.Steps)
	}
	return guides, nil
}

// sortedSteps sorts each step's node names, as the oracle prints them.
func sortedSteps(steps []rolloutStep) []rolloutStep {
	out := make([]rolloutStep, 0, len(steps))
	for _, s := range steps {
		s.Create = append([]string{}, s.Create...)
		s.Delete = append([]string{}, s.Delete...)
		sort.Strings(s.Create)
		sort.Strings(s.Delete)
		out = append(out, s)
	}
	return out
}

// rollout simulates every DaemonSet of the inputs (snapshot DaemonSets, with their proposed
// version when there is one, then new proposed DaemonSets), each in its own fake cluster, as
// dsplan rolls each one out independently; guides (by namespace/name, may be empty) steer
// upstream's random choices (rolloutDaemonSet).
func rollout(ctx context.Context, in *inputs, guides map[string][]rolloutStep) (*rolloutReport, error) {
	sched, err := newScheduler(ctx)
	if err != nil {
		return nil, err
	}
	current := map[string]*appsv1.DaemonSet{}
	for _, ds := range in.snapshotDaemonSets {
		current[namespaceOf(ds)+"/"+ds.Name] = ds
	}
	out := &rolloutReport{DaemonSets: []daemonSetRollout{}}
	for _, ds := range in.daemonSetsToPlan() {
		key := namespaceOf(ds) + "/" + ds.Name
		stored, err := storedDaemonSet(ctx, current[key], ds)
		if err != nil {
			return nil, fmt.Errorf("daemonset %s: %w", key, err)
		}
		r, err := rolloutDaemonSet(ctx, sched, in, stored, guides[key])
		if err != nil {
			return nil, fmt.Errorf("daemonset %s: %w", key, err)
		}
		out.DaemonSets = append(out.DaemonSets, r)
	}
	return out, nil
}

// storedDaemonSet is the DaemonSet as the API server stores it after the update (or the create,
// for a DaemonSet not in the snapshot): the registry strategy's PrepareForUpdate keeps the status
// and templateGeneration of the stored object and bumps generation and templateGeneration on a
// template change (pkg/registry/apps/daemonset/strategy.go). The stored object's identity (uid,
// creationTimestamp, resourceVersion) is kept, as for `kubectl apply`.
func storedDaemonSet(ctx context.Context, current, proposed *appsv1.DaemonSet) (*appsv1.DaemonSet, error) {
	proposed = proposed.DeepCopy()
	proposed.Namespace = namespaceOf(proposed)
	var next apps.DaemonSet
	if err := toInternal(proposed, &next); err != nil {
		return nil, err
	}
	if current == nil {
		if next.UID == "" {
			next.UID = syntheticUID
		}
		dsregistry.Strategy.PrepareForCreate(ctx, &next)
	} else {
		var old apps.DaemonSet
		if err := toInternal(current, &old); err != nil {
			return nil, err
		}
		next.UID, next.CreationTimestamp, next.ResourceVersion = old.UID, old.CreationTimestamp, old.ResourceVersion
		next.Generation = old.Generation
		dsregistry.Strategy.PrepareForUpdate(ctx, &next, &old)
	}
	out := &appsv1.DaemonSet{}
	if err := legacyscheme.Scheme.Convert(&next, out, nil); err != nil {
		return nil, err
	}
	legacyscheme.Scheme.Default(out)
	return out, nil
}

// The pod lifecycle the oracle assumes between syncs is dsplan's (crates/dsplan-rollout
// timeline.rs, with `dsplan rollout`'s default timings): a created pod binds at once where the
// scheduler's Filter plugins accept it, turns Ready podStart+readiness seconds after binding on a
// Ready node (never on a NotReady one), and is available minReadySeconds later; a deleted pod
// keeps running with a deletionTimestamp and is gone termination seconds later (unless the API
// server deletes it at once, see the delete reactor). The controller
// syncs again at once after a sync that wrote, else at the next lifecycle event.
const (
	podStartSeconds    = 10
	readinessSeconds   = 5
	terminationSeconds = 5
)

// memory is what the oracle itself remembers across syncs: the pods this rollout created, when
// each turns Ready, and the counter that names them.
type memory struct {
	podNames int
	created  map[string]bool
	readyAt  map[string]time.Time
}

func (m memory) clone() memory {
	out := memory{podNames: m.podNames, created: map[string]bool{}, readyAt: map[string]time.Time{}}
	for k, v := range m.created {
		out.created[k] = v
	}
	for k, v := range m.readyAt {
		out.readyAt[k] = v
	}
	return out
}

// simulation is the state one DaemonSet's rollout carries from sync to sync: the API's objects,
// the oracle's clock and memory.
type simulation struct {
	sched   *scheduler
	ds      *appsv1.DaemonSet
	key     string
	clock   *testingclock.FakeClock
	objects []runtime.Object
	mem     memory
}

// cluster is one fake cluster, seeded with the simulation's objects, around a new real
// controller; mem is the memory of the attempt running on it.
type cluster struct {
	client  *fake.Clientset
	factory informers.SharedInformerFactory
	dsc     *daemon.DaemonSetsController
	mem     memory
}

// unexportedField reads a field of the exported *DaemonSetsController that upstream keeps
// unexported. The oracle calls the controller's own syncHandler (syncDaemonSet) directly instead
// of running its worker loop: one call is exactly one sync of the key, in this goroutine, so a
// step of the output is one sync and nothing races the oracle's updates of the stores. Upstream's
// tests do the same from inside the package (`manager.syncHandler(ctx, key)`).
func unexportedField[T any](dsc *daemon.DaemonSetsController, name string) (T, error) {
	var zero T
	field := reflect.ValueOf(dsc).Elem().FieldByName(name)
	if !field.IsValid() {
		return zero, fmt.Errorf("DaemonSetsController has no field %q", name)
	}
	value, ok := reflect.NewAt(field.Type(), unsafe.Pointer(field.UnsafeAddr())).Elem().Interface().(T)
	if !ok {
		return zero, fmt.Errorf("DaemonSetsController.%s is a %s", name, field.Type())
	}
	return value, nil
}

// startTime is the snapshot's "now": its latest pod timestamp (creation, condition transition,
// deletion), as dsplan takes time 0; a snapshot without timestamps starts at a fixed instant.
func startTime(pods []*corev1.Pod) time.Time {
	latest := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	seen := false
	see := func(t metav1.Time) {
		if !t.IsZero() && (!seen || t.After(latest)) {
			latest, seen = t.Time, true
		}
	}
	for _, pod := range pods {
		see(pod.CreationTimestamp)
		if pod.DeletionTimestamp != nil {
			see(*pod.DeletionTimestamp)
		}
		for _, c := range pod.Status.Conditions {
			see(c.LastTransitionTime)
		}
	}
	return latest
}

// newCluster seeds a fake clientset with the simulation's objects, builds the controller with
// NewDaemonSetsController over informers of that clientset, and fills the informers' stores
// (observe). The informers are never started.
func (sim *simulation) newCluster(ctx context.Context) (*cluster, error) {
	objects := make([]runtime.Object, 0, len(sim.objects))
	for _, obj := range sim.objects {
		objects = append(objects, obj.DeepCopyObject())
	}
	c := &cluster{client: fake.NewSimpleClientset(objects...), mem: sim.mem.clone()}
	// The API server names a pod from its generateName; the fake clientset does not, so the
	// oracle does, deterministically. (The fake records a copy of each action before its
	// reactors run, so the created pods are remembered here, by their final name.)
	c.client.PrependReactor("create", "pods", func(action clienttesting.Action) (bool, runtime.Object, error) {
		if pod, ok := action.(clienttesting.CreateAction).GetObject().(*corev1.Pod); ok {
			if pod.Name == "" {
				c.mem.podNames++
				pod.Name = fmt.Sprintf("%s%05d", pod.GenerateName, c.mem.podNames)
			}
			c.mem.created[action.GetNamespace()+"/"+pod.Name] = true
		}
		return false, nil, nil
	})
	// A delete is graceful except where the API server's pod strategy deletes at once
	// (pkg/registry/core/pod/strategy.go, CheckGracefulDelete: a pod not bound to a node, or in
	// phase Failed or Succeeded; that package pulls in the whole API server storage, so the rule
	// is restated here): the pod gets a deletionTimestamp and stays until the lifecycle removes
	// it (advance).
	c.client.PrependReactor("delete", "pods", func(action clienttesting.Action) (bool, runtime.Object, error) {
		a := action.(clienttesting.DeleteAction)
		obj, err := c.client.Tracker().Get(podsResource, a.GetNamespace(), a.GetName())
		if err != nil {
			return true, nil, err
		}
		pod := obj.(*corev1.Pod).DeepCopy()
		if pod.Spec.NodeName == "" || pod.Status.Phase == corev1.PodFailed || pod.Status.Phase == corev1.PodSucceeded {
			return true, pod, c.client.Tracker().Delete(podsResource, pod.Namespace, pod.Name)
		}
		if pod.DeletionTimestamp == nil {
			now := metav1.NewTime(sim.clock.Now())
			grace := int64(terminationSeconds)
			pod.DeletionTimestamp, pod.DeletionGracePeriodSeconds = &now, &grace
			if err := c.client.Tracker().Update(podsResource, pod, pod.Namespace); err != nil {
				return true, nil, err
			}
		}
		return true, pod, nil
	})
	c.factory = informers.NewSharedInformerFactory(c.client, 0)
	// kube-controller-manager's failed-pod backoff (1s doubling to 15m), on the oracle's clock.
	dsc, err := daemon.NewDaemonSetsController(ctx, c.factory.Apps().V1().DaemonSets(),
		c.factory.Apps().V1().ControllerRevisions(), c.factory.Core().V1().Pods(), c.factory.Core().V1().Nodes(),
		c.client, flowcontrol.NewFakeBackOff(time.Second, 15*time.Minute, sim.clock))
	if err != nil {
		return nil, err
	}
	c.dsc = dsc
	return c, c.observe(ctx)
}

// objects lists everything the fake API holds.
func (c *cluster) objects(ctx context.Context) ([]runtime.Object, error) {
	var out []runtime.Object
	pods, err := c.client.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	for i := range pods.Items {
		out = append(out, &pods.Items[i])
	}
	nodes, err := c.client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	for i := range nodes.Items {
		out = append(out, &nodes.Items[i])
	}
	dss, err := c.client.AppsV1().DaemonSets(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	for i := range dss.Items {
		out = append(out, &dss.Items[i])
	}
	revs, err := c.client.AppsV1().ControllerRevisions(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	for i := range revs.Items {
		out = append(out, &revs.Items[i])
	}
	return out, nil
}

// observe plays the informers: every store holds exactly what the API (the fake clientset)
// holds, as after the watch events of every write arrived.
func (c *cluster) observe(ctx context.Context) error {
	objects, err := c.objects(ctx)
	if err != nil {
		return err
	}
	stores := map[reflect.Type][]any{}
	for _, obj := range objects {
		stores[reflect.TypeOf(obj)] = append(stores[reflect.TypeOf(obj)], obj)
	}
	for _, informer := range []struct {
		informer cache.SharedIndexInformer
		kind     runtime.Object
	}{
		{c.factory.Core().V1().Pods().Informer(), &corev1.Pod{}},
		{c.factory.Core().V1().Nodes().Informer(), &corev1.Node{}},
		{c.factory.Apps().V1().DaemonSets().Informer(), &appsv1.DaemonSet{}},
		{c.factory.Apps().V1().ControllerRevisions().Informer(), &appsv1.ControllerRevision{}},
	} {
		if err := informer.informer.GetIndexer().Replace(stores[reflect.TypeOf(informer.kind)], ""); err != nil {
			return err
		}
	}
	return nil
}

// syncLimit bounds the syncs like dsplan's timeline: enough for every node to be deleted,
// recreated and waited on several times over.
func syncLimit(in *inputs) int { return 16*(len(in.nodes)+len(in.pods)) + 64 }

// guideTries is how often one sync is retried from the same state to make upstream's random
// choice (rollingUpdate walks a Go map) match a guide step.
const guideTries = 200

var podsResource = corev1.SchemeGroupVersion.WithResource("pods")

// rolloutDaemonSet runs syncs until one writes nothing and no lifecycle event is left. With a
// guide (dsplan's steps), each sync is retried from the same state, with a new controller, until
// its creates and deletes are the guide's step or guideTries have run (then the first attempt is
// kept): upstream picks among equivalent nodes in Go map order, so the guide steers only that
// choice, and a step no attempt reproduces is a step upstream does not take.
func rolloutDaemonSet(ctx context.Context, sched *scheduler, in *inputs, ds *appsv1.DaemonSet, guide []rolloutStep) (daemonSetRollout, error) {
	out := daemonSetRollout{Namespace: ds.Namespace, Name: ds.Name, Steps: []rolloutStep{}, Stuck: []stuckNode{}, Errors: []string{}}
	key, err := controller.KeyFunc(ds)
	if err != nil {
		return out, err
	}
	sim := &simulation{sched: sched, ds: ds, key: key, clock: testingclock.NewFakeClock(startTime(in.pods)),
		mem: memory{created: map[string]bool{}, readyAt: map[string]time.Time{}}}
	for _, node := range in.nodes {
		sim.objects = append(sim.objects, node.DeepCopy())
	}
	for _, pod := range in.pods {
		sim.objects = append(sim.objects, pod.DeepCopy())
	}
	for _, rev := range in.revisions {
		sim.objects = append(sim.objects, rev.DeepCopy())
	}
	sim.objects = append(sim.objects, ds.DeepCopy())
	for syncs := 0; syncs < syncLimit(in); syncs++ {
		tries := 1
		var want *rolloutStep
		if len(out.Steps) < len(guide) {
			tries, want = guideTries, &guide[len(out.Steps)]
		}
		var kept *syncResult
		for try := 0; try < tries; try++ {
			result, err := sim.sync(ctx)
			if err != nil {
				return out, err
			}
			if kept == nil {
				kept = result
			}
			if want == nil || (reflect.DeepEqual(result.step.Create, want.Create) && reflect.DeepEqual(result.step.Delete, want.Delete)) {
				kept = result
				break
			}
			if len(result.step.Create)+len(result.step.Delete) == 0 {
				// How many pods a sync creates and deletes does not depend on the map
				// order, only which: a sync that writes nothing would write nothing again.
				break
			}
		}
		sim.objects, sim.mem = kept.objects, kept.mem
		if kept.err != "" && !slices.Contains(out.Errors, kept.err) {
			out.Errors = append(out.Errors, kept.err)
		}
		if len(kept.step.Create)+len(kept.step.Delete) > 0 {
			kept.step.Index = len(out.Steps)
			out.Steps = append(out.Steps, kept.step)
			continue
		}
		next, ok := sim.nextEvent()
		if !ok {
			out.Settled = true
			break
		}
		sim.clock.SetTime(next)
	}
	out.Stuck, err = sim.stuck(ctx, in.nodes)
	return out, err
}

// syncResult is one sync attempt: what it wrote, and the objects and memory after it.
type syncResult struct {
	step    rolloutStep
	err     string
	objects []runtime.Object
	mem     memory
}

// sync moves the lifecycle to now, runs one sync of the DaemonSet on a new controller, and moves
// the lifecycle again (the pods it created bind), without changing the simulation. A new
// controller per sync loses nothing the oracle's loop relies on: its expectations are satisfied
// (every write is observed before the next sync), the ControllerRevisions it made are objects,
// and the failed-pod backoff is its only other memory (the generated scenarios have no failed
// pods).
func (sim *simulation) sync(parent context.Context) (*syncResult, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	c, err := sim.newCluster(ctx)
	if err != nil {
		return nil, err
	}
	if err := sim.advance(ctx, c); err != nil {
		return nil, err
	}
	if err := c.observe(ctx); err != nil {
		return nil, err
	}
	syncHandler, err := unexportedField[func(context.Context, string) error](c.dsc, "syncHandler")
	if err != nil {
		return nil, err
	}
	for _, name := range []string{"queue", "nodeUpdateQueue"} {
		queue, err := unexportedField[workqueue.TypedRateLimitingInterface[string]](c.dsc, name)
		if err != nil {
			return nil, err
		}
		defer queue.ShutDown()
	}
	before := map[string]string{}
	for _, obj := range c.factory.Core().V1().Pods().Informer().GetIndexer().List() {
		pod := obj.(*corev1.Pod)
		if node, err := daemonutil.GetTargetNodeName(pod); err == nil {
			before[pod.Namespace+"/"+pod.Name] = node
		}
	}
	c.client.ClearActions()
	result := &syncResult{step: rolloutStep{Create: []string{}, Delete: []string{}}}
	if err := syncHandler(ctx, sim.key); err != nil {
		result.err = err.Error()
	}
	for _, action := range c.client.Actions() {
		if action.GetResource().Resource != "pods" || action.GetSubresource() != "" {
			continue
		}
		switch a := action.(type) {
		case clienttesting.CreateAction:
			pod, ok := a.GetObject().(*corev1.Pod)
			if !ok {
				continue
			}
			node, err := daemonutil.GetTargetNodeName(pod)
			if err != nil {
				return nil, fmt.Errorf("created pod %s: %w", pod.GenerateName, err)
			}
			result.step.Create = append(result.step.Create, node)
		case clienttesting.DeleteAction:
			result.step.Delete = append(result.step.Delete, before[a.GetNamespace()+"/"+a.GetName()])
		}
	}
	sort.Strings(result.step.Create)
	sort.Strings(result.step.Delete)
	if err := sim.advance(ctx, c); err != nil {
		return nil, err
	}
	result.objects, err = c.objects(ctx)
	result.mem = c.mem
	return result, err
}

// advance moves the lifecycle to the clock's now (see the constants above): terminating pods
// whose termination is over go, the rollout's unbound pods bind where the upstream Filter plugins
// accept them beside the node's bound, non-terminal pods (terminating ones included: they hold
// resources and ports until gone), and bound pods whose time has come turn Running and Ready.
// Pods from the snapshot otherwise keep their state, as in dsplan.
func (sim *simulation) advance(ctx context.Context, c *cluster) error {
	now := sim.clock.Now()
	list, err := c.client.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	sort.Slice(list.Items, func(i, j int) bool { return list.Items[i].Name < list.Items[j].Name })
	var all []*corev1.Pod
	for i := range list.Items {
		pod := &list.Items[i]
		if pod.DeletionTimestamp != nil && !pod.DeletionTimestamp.Add(terminationSeconds*time.Second).After(now) {
			if err := c.client.Tracker().Delete(podsResource, pod.Namespace, pod.Name); err != nil {
				return err
			}
			continue
		}
		all = append(all, pod)
	}
	for _, pod := range all {
		key := pod.Namespace + "/" + pod.Name
		if !c.mem.created[key] || pod.DeletionTimestamp != nil {
			continue
		}
		updated := pod.DeepCopy()
		if pod.Spec.NodeName == "" {
			nodeName, err := daemonutil.GetTargetNodeName(pod)
			if err != nil {
				return err
			}
			node, err := c.client.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{})
			if err != nil {
				continue
			}
			defaulted := pod.DeepCopy()
			legacyscheme.Scheme.Default(defaulted)
			fits, _, err := sim.sched.filter(ctx, defaulted, node, podsOnNode(nodeName, all))
			if err != nil {
				return err
			}
			if !fits {
				continue
			}
			updated.Spec.NodeName = nodeName
			if nodeReady(node) {
				c.mem.readyAt[key] = now.Add((podStartSeconds + readinessSeconds) * time.Second)
			}
		}
		if at, ok := c.mem.readyAt[key]; ok && !at.After(now) && !podutil.IsPodReady(updated) {
			// Set by hand: podutil.UpdatePodCondition stamps the wall clock.
			since := metav1.NewTime(at)
			updated.Status.Phase = corev1.PodRunning
			updated.Status.Conditions = []corev1.PodCondition{
				{Type: corev1.PodScheduled, Status: corev1.ConditionTrue, LastTransitionTime: since},
				{Type: corev1.PodReady, Status: corev1.ConditionTrue, LastTransitionTime: since}}
		}
		if reflect.DeepEqual(updated, pod) {
			continue
		}
		if err := c.client.Tracker().Update(podsResource, updated, updated.Namespace); err != nil {
			return err
		}
		*pod = *updated
	}
	return nil
}

func nodeReady(node *corev1.Node) bool {
	for _, c := range node.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// nextEvent is the earliest instant after now at which something the controller reads changes:
// a pod turns Ready, a Ready pod becomes available (minReadySeconds), a terminating pod is gone.
func (sim *simulation) nextEvent() (time.Time, bool) {
	minReady := time.Duration(sim.ds.Spec.MinReadySeconds) * time.Second
	now := sim.clock.Now()
	var next time.Time
	found := false
	see := func(at time.Time) {
		if at.After(now) && (!found || at.Before(next)) {
			next, found = at, true
		}
	}
	for _, obj := range sim.objects {
		pod, ok := obj.(*corev1.Pod)
		if !ok {
			continue
		}
		if pod.DeletionTimestamp != nil {
			see(pod.DeletionTimestamp.Add(terminationSeconds * time.Second))
			continue
		}
		if at, ok := sim.mem.readyAt[pod.Namespace+"/"+pod.Name]; ok {
			see(at)
		}
		if cond := podutil.GetPodReadyCondition(pod.Status); minReady > 0 && cond != nil && cond.Status == corev1.ConditionTrue {
			see(cond.LastTransitionTime.Add(minReady))
		}
	}
	return next, found
}

// stuck lists the nodes the rollout did not finish on, as dsplan defines them: an eligible node
// (shouldRun) without an available updated pod or still with an old one, or an ineligible node
// still running a daemon pod.
func (sim *simulation) stuck(ctx context.Context, nodes []*corev1.Node) ([]stuckNode, error) {
	var ds *appsv1.DaemonSet
	var pods []*corev1.Pod
	var hash string
	var best int64 = -1
	for _, obj := range sim.objects {
		switch o := obj.(type) {
		case *appsv1.DaemonSet:
			ds = o
		case *corev1.Pod:
			pods = append(pods, o)
		}
	}
	if ds == nil {
		return nil, fmt.Errorf("daemonset %s is gone", sim.key)
	}
	// The current revision: the owned ControllerRevision with the highest number, which
	// constructHistory made match the template.
	for _, obj := range sim.objects {
		if rev, ok := obj.(*appsv1.ControllerRevision); ok && metav1.IsControlledBy(rev, ds) && rev.Revision > best {
			best, hash = rev.Revision, rev.Labels[appsv1.DefaultDaemonSetUniqueLabelKey]
		}
	}
	generation, err := daemonutil.GetTemplateGeneration(ds)
	if err != nil {
		return nil, err
	}
	byNode, _, err := daemonPodsByNode(ctx, ds.DeepCopy(), pods)
	if err != nil {
		return nil, err
	}
	now := metav1.NewTime(sim.clock.Now())
	out := []stuckNode{}
	for _, node := range nodes {
		shouldRun, _ := daemon.NodeShouldRunDaemonPod(klog.Background(), node, ds)
		var newAvailable, old, hasPod bool
		for _, pod := range byNode[node.Name] {
			if pod.DeletionTimestamp != nil {
				continue
			}
			hasPod = true
			if daemonutil.IsPodUpdated(pod, hash, generation) {
				newAvailable = newAvailable || podutil.IsPodAvailable(pod, ds.Spec.MinReadySeconds, now)
			} else {
				old = true
			}
		}
		if (shouldRun && (!newAvailable || old)) || (!shouldRun && hasPod) {
			out = append(out, stuckNode{Node: node.Name})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Node < out[j].Node })
	return out, nil
}
