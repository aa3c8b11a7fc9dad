"""Refused input surfaces as DsplanError with the ABI's stable code and location fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict

import pytest

from dsplan import DsplanError, Planner

BAD_NODE = """apiVersion: v1
kind: Node
metadata:
  name: n1
spec:
  taints:
  - key: k
    effect: Sometimes
"""


def test_invalid_input_carries_location(planner: Planner) -> None:
    with pytest.raises(DsplanError) as info:
        planner.plan([{"name": "nodes.yaml", "text": BAD_NODE, "role": "snapshot"}])
    err = info.value
    assert err.code == "invalid-input"
    assert err.file == "nodes.yaml"
    assert err.document == 0
    assert err.line is not None and err.line > 1
    assert err.message
    assert "nodes.yaml" in str(err)


def test_unknown_feature_gate_is_invalid_option(planner: Planner) -> None:
    with pytest.raises(DsplanError) as info:
        planner.plan_json([], {"NoSuchGate": True})
    assert info.value.code == "invalid-option"
    assert info.value.file is None


def test_bad_role_is_invalid_request(planner: Planner) -> None:
    with pytest.raises(DsplanError) as info:
        planner.plan([{"name": "x.yaml", "text": "", "role": "cluster"}])
    assert info.value.code == "invalid-request"


def test_missing_wasm_is_load_error(tmp_path: Path) -> None:
    with pytest.raises(DsplanError) as info:
        Planner(tmp_path / "missing.wasm")
    assert info.value.code == "load"


def test_planner_usable_after_error(planner: Planner, vectors: Dict[str, Any]) -> None:
    with pytest.raises(DsplanError):
        planner.plan([{"name": "nodes.yaml", "text": BAD_NODE, "role": "snapshot"}])
    vector = vectors["vectors"][0]
    assert planner.plan_json(vector["request"]["documents"]) == vector["ok"]


def test_compiled_module_is_cached(planner: Planner) -> None:
    assert planner.cache_path is not None and planner.cache_path.is_file()
