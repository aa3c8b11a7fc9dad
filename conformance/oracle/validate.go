// validate.go owns API-server create validation of the inputs (ValidateNode, ValidatePodCreate,
// ValidateDaemonSet on the internal types). compare uses it to check that the generator only
// produces objects a cluster accepts, and that shrinking keeps them acceptable; `oracle plan`
// does not, because upstream's own unit-test cases (placement-cases.json) include objects that
// bypass validation.
package main

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/kubernetes/pkg/api/legacyscheme"
	podutil "k8s.io/kubernetes/pkg/api/pod"
	"k8s.io/kubernetes/pkg/apis/apps"
	appsvalidation "k8s.io/kubernetes/pkg/apis/apps/validation"
	"k8s.io/kubernetes/pkg/apis/core"
	corevalidation "k8s.io/kubernetes/pkg/apis/core/validation"
)

func toInternal(in runtime.Object, out runtime.Object) error {
	return legacyscheme.Scheme.Convert(in, out, nil)
}

// validateInputs returns the first object the API server would refuse to create.
func validateInputs(in *inputs) error {
	check := func(what string, errs field.ErrorList) error {
		if len(errs) > 0 {
			return fmt.Errorf("%s is invalid: %v", what, errs.ToAggregate())
		}
		return nil
	}
	for _, n := range in.nodes {
		var node core.Node
		if err := toInternal(n, &node); err != nil {
			return err
		}
		if err := check("node "+n.Name, corevalidation.ValidateNode(&node)); err != nil {
			return err
		}
	}
	for _, p := range in.pods {
		var pod core.Pod
		if err := toInternal(p, &pod); err != nil {
			return err
		}
		opts := podutil.GetValidationOptionsFromPodSpecAndMeta(&pod.Spec, nil, &pod.ObjectMeta, nil)
		if err := check("pod "+p.Namespace+"/"+p.Name, corevalidation.ValidatePodCreate(&pod, opts)); err != nil {
			return err
		}
	}
	for _, d := range append(append(in.snapshotDaemonSets[:0:0], in.snapshotDaemonSets...), in.proposed...) {
		var ds apps.DaemonSet
		if err := toInternal(d, &ds); err != nil {
			return err
		}
		if ds.Namespace == "" {
			ds.Namespace = "default"
		}
		opts := podutil.GetValidationOptionsFromPodTemplate(&ds.Spec.Template, nil)
		if err := check("daemonset "+d.Name, appsvalidation.ValidateDaemonSet(&ds, opts)); err != nil {
			return err
		}
	}
	return nil
}
