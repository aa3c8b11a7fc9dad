"""``Planner``: the dsplan engine over the core-module JSON ABI (``wasm/ABI.md``).

One compiled module per planner; every call gets a fresh store and instance (about 0.1 ms),
so a planner is safe to share between threads, calls run in parallel, and a trap ends only
the call that hit it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Iterable, Mapping, Optional, Sequence, Union

import wasmtime

from ._module import default_cache_dir, load_module, locate_wasm
from .check import CheckReport, ValidationReport, parse_check_report, parse_validation_report
from .errors import DsplanError
from .report import PlanReport, parse_report
from .rollout import RolloutReport, Timing, parse_rollout_report

_ABI_MAJOR = 1
_OK_PREFIX = b'{"ok":'
_U32 = 0xFFFFFFFF

#: A document: ``{"name": "nodes.yaml", "text": "...", "role": "snapshot" | "proposed"}``.
Document = Mapping[str, str]
#: A policy file for :meth:`Planner.check`: ``{"name": "policy.yaml", "text": "..."}``.
Policy = Mapping[str, str]


class Planner:
    """Plans DaemonSet placement. Create one and reuse it; it is thread-safe."""

    def __init__(
        self,
        wasm: Optional[Union[str, "os.PathLike[str]"]] = None,
        *,
        cache_dir: Union[str, "os.PathLike[str]", None, bool] = True,
    ) -> None:
        """Load ``wasm`` (default: ``$DSPLAN_WASM``, the packaged copy, or the repository's
        ``dist/dsplan.core.wasm``). ``cache_dir=True`` uses :func:`default_cache_dir`;
        ``False``/``None`` disables the compiled-module cache."""
        path = locate_wasm(wasm)
        if cache_dir is True:
            cache: Optional[Path] = default_cache_dir()
        elif cache_dir is False or cache_dir is None:
            cache = None
        else:
            cache = Path(cache_dir)
        self._engine = wasmtime.Engine()
        self._module, self.cache_path = load_module(self._engine, path, cache)
        self.wasm_path = path
        store, exports = self._instantiate()
        major = exports["dsplan_abi_version"](store)
        if major != _ABI_MAJOR:
            raise DsplanError("load", f"{path} speaks ABI {major}, this SDK speaks {_ABI_MAJOR}")

    def plan(
        self, documents: Sequence[Document], feature_gates: Optional[Mapping[str, bool]] = None
    ) -> PlanReport:
        """The typed plan report for ``documents``."""
        return parse_report(json.loads(self.plan_json(documents, feature_gates)))

    def plan_json(
        self, documents: Sequence[Document], feature_gates: Optional[Mapping[str, bool]] = None
    ) -> str:
        """The plan report as the exact JSON text of ``dsplan plan -o json``: the bytes between
        the ABI response's ``{"ok":`` prefix and its final ``}``."""
        return self._call("plan", _request(documents, feature_gates))

    def rollout(
        self,
        documents: Sequence[Document],
        feature_gates: Optional[Mapping[str, bool]] = None,
        timing: Optional[Timing] = None,
    ) -> RolloutReport:
        """The typed rollout report: each DaemonSet's update simulated sync by sync."""
        return parse_rollout_report(json.loads(self.rollout_json(documents, feature_gates, timing)))

    def rollout_json(
        self,
        documents: Sequence[Document],
        feature_gates: Optional[Mapping[str, bool]] = None,
        timing: Optional[Timing] = None,
    ) -> str:
        """The rollout report's exact JSON text, as ``dsplan rollout -o json`` (compact).
        ``timing=None`` uses the CLI's defaults."""
        return self._call("rollout", _request(documents, feature_gates, timing=timing))

    def check(
        self,
        documents: Sequence[Document],
        policy: Optional[Policy] = None,
        feature_gates: Optional[Mapping[str, bool]] = None,
        timing: Optional[Timing] = None,
    ) -> CheckReport:
        """The typed check report of ``policy`` (``None``: the built-in default policy)."""
        return parse_check_report(
            json.loads(self.check_json(documents, policy, feature_gates, timing))
        )

    def check_json(
        self,
        documents: Sequence[Document],
        policy: Optional[Policy] = None,
        feature_gates: Optional[Mapping[str, bool]] = None,
        timing: Optional[Timing] = None,
    ) -> str:
        """The check report's exact JSON text (the engine's ``CheckReport``)."""
        return self._call("check", _request(documents, feature_gates, policy, timing))

    def validate(self, documents: Sequence[Document]) -> ValidationReport:
        """Every DaemonSet of ``documents`` checked as the API server checks a create."""
        return parse_validation_report(json.loads(self.validate_json(documents)))

    def validate_json(self, documents: Sequence[Document]) -> str:
        """The validation report's exact JSON text, as ``dsplan validate -o json`` (compact)."""
        return self._call("validate", _request(documents))

    def version(self) -> Dict[str, Any]:
        """``{"dsplan", "kubernetes", "featureGates"}`` as ``dsplan version -o json``."""
        value: Dict[str, Any] = json.loads(self._call("version", b"{}"))
        return value

    def _instantiate(self) -> "tuple[wasmtime.Store, Any]":
        store = wasmtime.Store(self._engine)
        instance = wasmtime.Instance(store, self._module, [])
        return store, instance.exports(store)

    def _call(self, fn: str, request: bytes) -> str:
        try:
            response = self._raw_call(fn.encode(), request)
        except wasmtime.Trap as e:
            raise DsplanError("trap", f"the planner trapped in {fn!r}: {e}") from e
        if response.startswith(_OK_PREFIX) and response.endswith(b"}"):
            return response[len(_OK_PREFIX) : -1].decode()
        decoded = json.loads(response)
        raise DsplanError.from_abi(decoded["error"])

    def _raw_call(self, fn: bytes, request: bytes) -> bytes:
        # A fresh store per call: nothing is shared between threads, and the instance (with
        # every buffer in it) is dropped afterwards, so no dsplan_free is needed.
        store, exports = self._instantiate()
        alloc, call, memory = exports["dsplan_alloc"], exports["dsplan_call"], exports["memory"]
        fn_ptr = alloc(store, len(fn))
        memory.write(store, fn, fn_ptr & _U32)
        req_ptr = alloc(store, len(request))
        memory.write(store, request, req_ptr & _U32)
        packed = call(store, fn_ptr, len(fn), req_ptr, len(request)) & 0xFFFFFFFFFFFFFFFF
        res_ptr, res_len = packed >> 32, packed & _U32
        return bytes(memory.read(store, res_ptr, res_ptr + res_len))


def _request(
    documents: Sequence[Document],
    feature_gates: Optional[Mapping[str, bool]] = None,
    policy: Optional[Policy] = None,
    timing: Optional[Timing] = None,
) -> bytes:
    """The ABI request object; parts left as ``None`` are left out (the engine's defaults)."""
    request: Dict[str, Any] = {"documents": [dict(d) for d in documents]}
    if feature_gates is not None:
        request["options"] = {"featureGates": dict(feature_gates)}
    if policy is not None:
        request["policy"] = dict(policy)
    if timing is not None:
        request["timing"] = timing.to_json()
    return json.dumps(request).encode()


def policy_from_file(path: Union[str, "os.PathLike[str]"]) -> "Dict[str, str]":
    """A policy for :meth:`Planner.check` read from a file (its name is the path as given)."""
    return {"name": str(path), "text": Path(path).read_text()}


def documents_from_files(
    snapshot: Iterable[Union[str, "os.PathLike[str]"]],
    proposed: Iterable[Union[str, "os.PathLike[str]"]] = (),
) -> "list[Dict[str, str]]":
    """Documents for :meth:`Planner.plan` read from files (names are the paths as given)."""
    docs = []
    for role, paths in (("snapshot", snapshot), ("proposed", proposed)):
        for p in paths:
            docs.append({"name": str(p), "text": Path(p).read_text(), "role": role})
    return docs
