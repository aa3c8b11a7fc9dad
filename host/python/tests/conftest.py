"""Shared fixtures: one planner per session (compiled once, then from the module cache)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pytest

from dsplan import Planner

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def planner() -> Planner:
    return Planner()


@pytest.fixture(scope="session")
def vectors() -> Dict[str, Any]:
    data: Dict[str, Any] = json.loads((REPO / "conformance/vectors/plan.json").read_text())
    return data
