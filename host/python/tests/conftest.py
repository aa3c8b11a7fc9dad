"""Shared fixtures: one planner per session (compiled once, then from the module cache)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, Optional

import pytest

from dsplan import Planner, Timing

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def planner() -> Planner:
    return Planner()


#: The core ABI functions that have shared vectors, one file each in conformance/vectors/.
FUNCTIONS = ("plan", "rollout", "check", "validate")


def load_vectors(function: str) -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((REPO / f"conformance/vectors/{function}.json").read_text())
    return data


@pytest.fixture(scope="session")
def vectors() -> Dict[str, Any]:
    return load_vectors("plan")


def request_timing(request: Dict[str, Any]) -> Optional[Timing]:
    """The ``timing`` of an ABI request as a :class:`Timing`."""
    t = request.get("timing")
    if t is None:
        return None
    return Timing(t["podStartSeconds"], t["readinessSeconds"], t["terminationSeconds"])


def request_gates(request: Dict[str, Any]) -> Optional[Dict[str, bool]]:
    """The feature gates of an ABI request, in order."""
    gates: Optional[Dict[str, bool]] = request.get("options", {}).get("featureGates")
    return gates


def json_call(planner: Planner, function: str) -> Callable[[Dict[str, Any]], str]:
    """The SDK's JSON method for ``function``, taking an ABI request's parts."""
    calls: Dict[str, Callable[[Dict[str, Any]], str]] = {
        "plan": lambda r: planner.plan_json(r["documents"], request_gates(r)),
        "rollout": lambda r: planner.rollout_json(
            r["documents"], request_gates(r), request_timing(r)
        ),
        "check": lambda r: planner.check_json(
            r["documents"], r.get("policy"), request_gates(r), request_timing(r)
        ),
        "validate": lambda r: planner.validate_json(r["documents"]),
    }
    return calls[function]
