"""rollout, check and validate: the typed reports agree with the shared vectors' JSON, options
change the answer, and refused requests raise DsplanError (test_vectors.py replays the bytes)."""

from __future__ import annotations

import json
import pytest

from conftest import REPO, load_vectors, request_gates, request_timing
from dsplan import (
    CheckReport,
    DsplanError,
    Planner,
    RolloutReport,
    ValidationReport,
    policy_from_file,
)


def test_typed_rollout_mirrors_json(planner: Planner) -> None:
    steps = 0
    for v in load_vectors("rollout")["vectors"]:
        r = v["request"]
        report = planner.rollout(r["documents"], request_gates(r), request_timing(r))
        raw = json.loads(v["ok"])
        assert isinstance(report, RolloutReport)
        assert report.notes == raw["notes"]
        assert len(report.daemon_sets) == len(raw["daemonSets"])
        for ds, raw_ds in zip(report.daemon_sets, raw["daemonSets"]):
            assert (ds.namespace, ds.name, ds.strategy) == (
                raw_ds["namespace"],
                raw_ds["name"],
                raw_ds["strategy"],
            ), v["id"]
            assert ds.rollout_status == raw_ds["rolloutStatus"]
            assert ds.completed_at_seconds == raw_ds["completedAtSeconds"]
            assert ds.final_status.updated_number_scheduled == (
                raw_ds["finalStatus"]["updatedNumberScheduled"]
            )
            assert [(s.at_seconds, s.create, s.delete) for s in ds.steps] == [
                (s["atSeconds"], s["create"], s["delete"]) for s in raw_ds["steps"]
            ]
            assert [s.node for s in ds.stuck] == [s["node"] for s in raw_ds["stuck"]]
            assert (ds.on_delete is None) == (raw_ds["onDelete"] is None)
            steps += len(ds.steps)
    assert steps > 0, "no vector has a rollout step"


def test_slower_pods_stretch_the_timeline(planner: Planner) -> None:
    vectors = {v["id"]: v for v in load_vectors("rollout")["vectors"]}
    pair = "examples/kubeadm+fluentd-elasticsearch-v2"
    docs = vectors[pair]["request"]["documents"]
    slow_timing = request_timing(vectors[pair + "/slow-pods"]["request"])

    def last_step(report: RolloutReport) -> int:
        ds = next(d for d in report.daemon_sets if d.name == "fluentd-elasticsearch")
        return ds.steps[-1].at_seconds

    assert last_step(planner.rollout(docs, timing=slow_timing)) > last_step(planner.rollout(docs))


def test_typed_check_mirrors_json(planner: Planner) -> None:
    findings = 0
    for v in load_vectors("check")["vectors"]:
        r = v["request"]
        report = planner.check(r["documents"], r.get("policy"), request_gates(r), request_timing(r))
        raw = json.loads(v["ok"])
        assert isinstance(report, CheckReport)
        assert report.policy == raw["policy"]
        assert [(e.rule, e.severity) for e in report.evaluations] == [
            (e["rule"], e["severity"]) for e in raw["evaluations"]
        ]
        assert [(f.rule, f.nodes, f.message, f.fix) for f in report.findings] == [
            (f["rule"], f["nodes"], f["message"], f["fix"]) for f in raw["findings"]
        ], v["id"]
        findings += len(report.findings)
    assert findings > 0, "no vector has a finding"


def test_check_with_a_policy_file(planner: Planner) -> None:
    vectors = {v["id"]: v for v in load_vectors("check")["vectors"]}
    vector = vectors["examples/cloud-gpu-spot+node-exporter/policy=dsplan-policy"]
    policy = policy_from_file(REPO / "examples/ci/dsplan-policy.yaml")
    report = planner.check(vector["request"]["documents"], policy, timing=request_timing(vector["request"]))
    assert report.policy == json.loads(vector["ok"])["policy"] == "platform-daemonsets"


def test_typed_validation_mirrors_json(planner: Planner) -> None:
    for v in load_vectors("validate")["vectors"]:
        report = planner.validate(v["request"]["documents"])
        raw = json.loads(v["ok"])
        assert isinstance(report, ValidationReport)
        assert [(o.name, o.valid, o.errors, o.line) for o in report.objects] == [
            (o["name"], o["valid"], o["errors"], o["line"]) for o in raw["objects"]
        ]
        assert report.valid == all(o["valid"] for o in raw["objects"])


def test_an_invalid_daemon_set_is_reported_not_raised(planner: Planner) -> None:
    ds = """apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: other}}
    spec: {containers: [{name: agent, image: agent:1}]}
"""
    report = planner.validate([{"name": "ds.yaml", "text": ds, "role": "proposed"}])
    assert not report.valid
    assert report.objects[0].file == "ds.yaml"
    assert any(e.startswith("spec.template.metadata.labels") for e in report.objects[0].errors)


def test_a_bad_policy_is_invalid_input_with_its_file(planner: Planner) -> None:
    with pytest.raises(DsplanError) as info:
        planner.check([], {"name": "policy.yaml", "text": "apiVersion: nope\n"})
    assert info.value.code == "invalid-input"
    assert info.value.file == "policy.yaml"


@pytest.mark.parametrize("function", ["rollout_json", "check_json", "validate_json"])
def test_a_bad_role_is_an_invalid_request(planner: Planner, function: str) -> None:
    with pytest.raises(DsplanError) as info:
        getattr(planner, function)([{"name": "x", "text": "", "role": "cluster"}])
    assert info.value.code == "invalid-request"
    assert "unknown variant `cluster`" in info.value.message
