"""Cold and steady plan latency. Usage: python bench.py cluster.json ds.json [runs]

Cold = load + compile (or deserialize from the cache) + instantiate + first call.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time

from dsplan import Planner, documents_from_files

docs = documents_from_files([sys.argv[1]], [sys.argv[2]])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10


def cold(**kwargs: object) -> float:
    t = time.perf_counter()
    Planner(**kwargs).plan_json(docs)  # type: ignore[arg-type]
    return time.perf_counter() - t


with tempfile.TemporaryDirectory() as d:
    print(f"cold, no cache (compile):      {cold(cache_dir=d):8.3f} s")
    print(f"cold, cached module:           {cold(cache_dir=d):8.3f} s")
planner = Planner()
planner.plan_json(docs)
times = []
for _ in range(runs):
    t = time.perf_counter()
    planner.plan_json(docs)
    times.append(time.perf_counter() - t)
print(f"steady plan_json (median/{runs}): {statistics.median(times) * 1000:8.1f} ms")
times = []
for _ in range(runs):
    t = time.perf_counter()
    planner.plan(docs)
    times.append(time.perf_counter() - t)
print(f"steady plan typed (median/{runs}): {statistics.median(times) * 1000:8.1f} ms")
