"""Every shared vector of every function (conformance/vectors/<function>.json) replays
byte-identical, and the typed plan report agrees."""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest

from conftest import FUNCTIONS, json_call, load_vectors
from dsplan import Planner, PlanReport


def _request_args(request: Dict[str, Any]) -> Any:
    gates = request.get("options", {}).get("featureGates")
    return request["documents"], gates


@pytest.mark.parametrize("function", FUNCTIONS)
def test_all_vectors_byte_identical(planner: Planner, function: str) -> None:
    vectors = load_vectors(function)["vectors"]
    assert len(vectors) > 0
    call = json_call(planner, function)
    drift = [v["id"] for v in vectors if call(v["request"]) != v["ok"]]
    assert not drift, f"{function}: {len(drift)} of {len(vectors)} drifted; first: {drift[0]}"


def test_typed_report_mirrors_json(planner: Planner, vectors: Dict[str, Any]) -> None:
    for vector in vectors["vectors"]:
        report = planner.plan(*_request_args(vector["request"]))
        raw = json.loads(vector["ok"])
        assert isinstance(report, PlanReport)
        assert report.notes == raw["notes"], vector["id"]
        assert [d.name for d in report.daemon_sets] == [d["name"] for d in raw["daemonSets"]]
        for ds, raw_ds in zip(report.daemon_sets, raw["daemonSets"]):
            assert ds.summary.desired_number_scheduled == raw_ds["summary"]["desiredNumberScheduled"]
            for node, raw_node in zip(ds.nodes, raw_ds["nodes"]):
                assert node.should_run == raw_node["shouldRun"], vector["id"]
                assert node.action == raw_node["action"]
                assert node.reasons == raw_node["reasons"]
                assert [d.kind for d in node.details] == [d["kind"] for d in raw_node["details"]]


def test_version(planner: Planner) -> None:
    v = planner.version()
    assert set(v) >= {"dsplan", "kubernetes", "featureGates"}
    assert v["kubernetes"].startswith("1.36") or v["kubernetes"].startswith("v1.36")
