"""Finding, compiling and disk-caching ``dsplan.core.wasm``.

Compiling the module with Cranelift takes seconds; a compiled module is serialized into a
cache directory keyed by the SHA-256 of the Wasm bytes and the wasmtime version, so later
processes only deserialize it (milliseconds). A cache entry wasmtime refuses is recompiled.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Optional, Tuple

import wasmtime

from .errors import DsplanError

_WASM_NAME = "dsplan.core.wasm"


def locate_wasm(explicit: Optional[os.PathLike[str] | str]) -> Path:
    """The Wasm file to load: ``explicit``, else ``$DSPLAN_WASM``, else the copy packaged next
    to this module, else ``dist/dsplan.core.wasm`` of the repository this file lives in."""
    if explicit is not None:
        candidates = [Path(explicit)]
    elif os.environ.get("DSPLAN_WASM"):
        candidates = [Path(os.environ["DSPLAN_WASM"])]
    else:
        here = Path(__file__).resolve().parent
        # src/dsplan/ -> host/python/src/dsplan, so the repository is four levels up.
        candidates = [here / _WASM_NAME, here.parents[3] / "dist" / _WASM_NAME]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise DsplanError(
        "load",
        f"{_WASM_NAME} not found (tried {tried}); run scripts/build-wasm.sh or set DSPLAN_WASM",
    )


def default_cache_dir() -> Path:
    """``$DSPLAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/dsplan/modules`` (``~/.cache`` default)."""
    if os.environ.get("DSPLAN_CACHE_DIR"):
        return Path(os.environ["DSPLAN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "dsplan" / "modules"


def load_module(
    engine: wasmtime.Engine, wasm: Path, cache_dir: Optional[Path]
) -> Tuple[wasmtime.Module, Optional[Path]]:
    """Compile ``wasm`` (or deserialize it from ``cache_dir``); returns the module and the cache
    file used, if any."""
    try:
        code = wasm.read_bytes()
    except OSError as e:
        raise DsplanError("load", f"cannot read {wasm}: {e}") from e
    if cache_dir is None:
        return _compile(engine, code, wasm), None
    key = hashlib.sha256(code + b"\0wasmtime-py " + _wasmtime_version().encode()).hexdigest()
    entry = cache_dir / f"dsplan-core-{key[:32]}.cwasm"
    if entry.is_file():
        try:
            return wasmtime.Module.deserialize(engine, entry.read_bytes()), entry
        except (OSError, wasmtime.WasmtimeError):
            pass  # stale or foreign entry: recompile and overwrite it below
    module = _compile(engine, code, wasm)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(module.serialize())
        os.replace(tmp, entry)  # atomic: concurrent processes never read half a file
    except OSError:
        return module, None  # a read-only cache only costs speed
    return module, entry


def _compile(engine: wasmtime.Engine, code: bytes, wasm: Path) -> wasmtime.Module:
    try:
        return wasmtime.Module(engine, code)
    except wasmtime.WasmtimeError as e:
        raise DsplanError("load", f"cannot compile {wasm}: {e}") from e


def _wasmtime_version() -> str:
    from importlib.metadata import version

    return version("wasmtime")
