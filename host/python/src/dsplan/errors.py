"""The one exception type of the SDK, carrying the stable error fields of the core ABI."""

from __future__ import annotations

from typing import Any, Mapping, Optional


class DsplanError(Exception):
    """A plan request the planner refused, or a failure running the planner.

    ``code`` is one of the core ABI codes (``invalid-input``, ``invalid-option``,
    ``invalid-request``, ``unknown-function``, ``internal``) or one of the SDK's own:
    ``trap`` (the guest trapped; the call ended, the planner stays usable) and ``load``
    (the Wasm module could not be found or compiled). Branch on ``code``; ``message`` is
    for people.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        file: Optional[str] = None,
        document: Optional[int] = None,
        object: Optional[str] = None,  # noqa: A002 - the ABI's field name
        path: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        self.code = code
        self.message = message
        self.file = file
        self.document = document
        self.object = object
        self.path = path
        self.line = line
        self.column = column
        super().__init__(self._describe())

    @classmethod
    def from_abi(cls, error: Mapping[str, Any]) -> "DsplanError":
        """Build from the ``error`` object of a core ABI response."""
        return cls(
            str(error.get("code")),
            str(error.get("message")),
            file=error.get("file"),
            document=error.get("document"),
            object=error.get("object"),
            path=error.get("path"),
            line=error.get("line"),
            column=error.get("column"),
        )

    def _describe(self) -> str:
        where = [self.file or ""]
        if self.line is not None:
            where[0] += f":{self.line}"
            if self.column is not None:
                where[0] += f":{self.column}"
        if self.document is not None:
            where.append(f"document {self.document}")
        if self.object:
            where.append(self.object)
        if self.path:
            where.append(self.path)
        prefix = ": ".join(w for w in where if w)
        return f"{self.code}: {prefix + ': ' if prefix else ''}{self.message}"
