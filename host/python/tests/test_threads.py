"""One planner shared by many threads gives every thread its exact answer."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict

from dsplan import Planner


def test_concurrent_calls_are_exact(planner: Planner, vectors: Dict[str, Any]) -> None:
    cases = vectors["vectors"][:24] * 2

    def run(vector: Dict[str, Any]) -> bool:
        req = vector["request"]
        got = planner.plan_json(req["documents"], req.get("options", {}).get("featureGates"))
        return bool(got == vector["ok"])

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, cases))
    assert all(results), [v["id"] for v, ok in zip(cases, results) if not ok][:1]
