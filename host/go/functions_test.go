package dsplan_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	dsplan "github.com/dsplan/dsplan/host/go"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func vectorByID(t *testing.T, function, id string) vector {
	t.Helper()
	for _, v := range loadFunctionVectors(t, function) {
		if v.ID == id {
			return v
		}
	}
	t.Fatalf("%s vector %s is missing", function, id)
	return vector{}
}

// TestRolloutTiming checks that slower pods stretch the update's timeline.
func TestRolloutTiming(t *testing.T) {
	ctx := context.Background()
	v := vectorByID(t, "rollout", "examples/kubeadm+fluentd-elasticsearch-v2/slow-pods")
	lastStep := func(timing *dsplan.Timing) int64 {
		report, err := planner(t).Rollout(ctx, v.Request.Documents, nil, timing)
		if err != nil {
			t.Fatal(err)
		}
		for _, ds := range report.DaemonSets {
			if ds.Name == "fluentd-elasticsearch" && len(ds.Steps) > 0 {
				return ds.Steps[len(ds.Steps)-1].AtSeconds
			}
		}
		t.Fatal("fluentd-elasticsearch has no rollout step")
		return 0
	}
	if v.Request.Timing == nil {
		t.Fatal("the slow-pods vector has no timing")
	}
	if slow, fast := lastStep(v.Request.Timing), lastStep(nil); slow <= fast {
		t.Fatalf("slow pods end at %ds, default pods at %ds", slow, fast)
	}
}

// TestCheckPolicyFile checks the example policy read from its file, and a broken policy.
func TestCheckPolicyFile(t *testing.T) {
	ctx := context.Background()
	v := vectorByID(t, "check", "examples/cloud-gpu-spot+node-exporter/policy=dsplan-policy")
	text, err := os.ReadFile(filepath.Join(repo, "examples", "ci", "dsplan-policy.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	report, err := planner(t).Check(ctx, v.Request.Documents, &dsplan.Policy{Name: "dsplan-policy.yaml", Text: string(text)}, nil, v.Request.Timing)
	if err != nil {
		t.Fatal(err)
	}
	if report.Policy != "platform-daemonsets" || len(report.Findings) == 0 || report.Findings[0].Message == "" {
		t.Fatalf("unexpected check report: %+v", report)
	}

	_, err = planner(t).Check(ctx, nil, &dsplan.Policy{Name: "policy.yaml", Text: "apiVersion: nope\n"}, nil, nil)
	var de *dsplan.Error
	if !errors.As(err, &de) || de.Code != dsplan.CodeInvalidInput || de.File != "policy.yaml" {
		t.Fatalf("want invalid-input in policy.yaml, got %v", err)
	}
}

// TestMalformedRequest checks that a document of an unknown role is refused, not defaulted.
func TestMalformedRequest(t *testing.T) {
	_, err := planner(t).ValidateJSON(context.Background(), []dsplan.Document{{Name: "x", Role: "cluster"}})
	var de *dsplan.Error
	if !errors.As(err, &de) || de.Code != dsplan.CodeInvalidRequest || !strings.Contains(de.Message, "unknown variant `cluster`") {
		t.Fatalf("want invalid-request for role cluster, got %v", err)
	}
}

func linuxNode(name string) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/os": "linux"}},
		Status: corev1.NodeStatus{
			Allocatable: corev1.ResourceList{
				corev1.ResourceCPU: resource.MustParse("4"), corev1.ResourceMemory: resource.MustParse("8Gi"),
				corev1.ResourcePods: resource.MustParse("110")},
			Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue}},
		},
	}
}

func agent(templateLabels map[string]string) *appsv1.DaemonSet {
	return &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "agent", Namespace: "kube-system"},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "agent"}},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: templateLabels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "agent", Image: "agent:1",
					Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")}}}}},
			},
		},
	}
}

// TestObjectsRolloutCheckValidate runs rollout, check and validate on typed k8s.io/api objects.
func TestObjectsRolloutCheckValidate(t *testing.T) {
	ctx := context.Background()
	p := planner(t)
	objects := dsplan.Objects{
		Nodes:    []*corev1.Node{linuxNode("a"), linuxNode("b")},
		Proposed: []*appsv1.DaemonSet{agent(map[string]string{"app": "agent"})},
	}
	rollout, err := p.RolloutObjects(ctx, objects, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(rollout.DaemonSets) != 1 || rollout.DaemonSets[0].Name != "agent" {
		t.Fatalf("unexpected rollout: %+v", rollout)
	}
	var created []string
	for _, step := range rollout.DaemonSets[0].Steps {
		created = append(created, step.Create...)
	}
	slices.Sort(created)
	if !slices.Equal(created, []string{"a", "b"}) {
		t.Fatalf("want pods created on a and b, got %v", created)
	}

	check, err := p.CheckObjects(ctx, objects, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	judged := false
	for _, e := range check.Evaluations {
		judged = judged || (e.DaemonSet != nil && *e.DaemonSet == dsplan.DaemonSetRef{Namespace: "kube-system", Name: "agent"})
	}
	if check.Policy == "" || !judged {
		t.Fatalf("the default policy did not judge kube-system/agent: %+v", check)
	}

	valid, err := p.ValidateObjects(ctx, objects.Proposed...)
	if err != nil {
		t.Fatal(err)
	}
	if !valid.Valid() || valid.Objects[0].File != dsplan.ObjectsProposedName {
		t.Fatalf("want a valid agent, got %+v", valid)
	}
	invalid, err := p.ValidateObjects(ctx, agent(map[string]string{"app": "other"}))
	if err != nil {
		t.Fatal(err)
	}
	if invalid.Valid() || !slices.ContainsFunc(invalid.Objects[0].Errors, func(e string) bool {
		return strings.HasPrefix(e, "spec.template.metadata.labels")
	}) {
		t.Fatalf("want a selector/labels mismatch, got %+v", invalid.Objects)
	}
}
