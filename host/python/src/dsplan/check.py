"""Typed check and validation reports: mirror ``crates/dsplan-policy/src/finding.rs``
(``dsplan check``) and ``crates/dsplan-engine/src/validate.rs`` (``dsplan validate -o json``)
field for field, with the Rust (snake_case) names. Fields a newer planner adds are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Literal, Mapping, Optional

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class DaemonSetRef:
    """A DaemonSet, by namespace and name."""

    namespace: str
    name: str


@dataclass(frozen=True)
class Location:
    """The manifest a DaemonSet was read from, and its 1-based line there."""

    file: str
    line: Optional[int]


@dataclass(frozen=True)
class Finding:
    """One rule failing for one DaemonSet (``daemon_set`` is None for a family gap)."""

    rule: str
    kind: str
    severity: Severity
    daemon_set: Optional[DaemonSetRef]
    nodes: List[str]
    message: str
    fix: str
    location: Optional[Location]


@dataclass(frozen=True)
class Evaluation:
    """One (rule, DaemonSet) pair the policy evaluated, passed or not."""

    rule: str
    kind: str
    severity: Severity
    daemon_set: Optional[DaemonSetRef]


@dataclass(frozen=True)
class CheckReport:
    """The policy's verdict: every evaluation and every failure."""

    policy: str
    evaluations: List[Evaluation]
    findings: List[Finding]
    notes: List[str]


@dataclass(frozen=True)
class ObjectValidation:
    """One DaemonSet checked as the API server checks a create."""

    kind: str
    namespace: str
    name: str
    valid: bool
    #: ``<field path>: <message>``, the API server's text.
    errors: List[str]
    file: str
    line: Optional[int]


@dataclass(frozen=True)
class ValidationReport:
    """The verdict for every DaemonSet read, in input order."""

    objects: List[ObjectValidation]

    @property
    def valid(self) -> bool:
        """Whether the API server would accept every object."""
        return all(o.valid for o in self.objects)


def _ref(value: Optional[Mapping[str, Any]]) -> Optional[DaemonSetRef]:
    return None if value is None else DaemonSetRef(value["namespace"], value["name"])


def parse_check_report(value: Mapping[str, Any]) -> CheckReport:
    """Build a :class:`CheckReport` from the decoded JSON of a check report."""
    return CheckReport(
        policy=value["policy"],
        evaluations=[
            Evaluation(e["rule"], e["kind"], e["severity"], _ref(e["daemonSet"]))
            for e in value["evaluations"]
        ],
        findings=[
            Finding(
                rule=f["rule"],
                kind=f["kind"],
                severity=f["severity"],
                daemon_set=_ref(f["daemonSet"]),
                nodes=list(f["nodes"]),
                message=f["message"],
                fix=f["fix"],
                location=(
                    None
                    if f["location"] is None
                    else Location(f["location"]["file"], f["location"]["line"])
                ),
            )
            for f in value["findings"]
        ],
        notes=list(value["notes"]),
    )


def parse_validation_report(value: Mapping[str, Any]) -> ValidationReport:
    """Build a :class:`ValidationReport` from the decoded JSON of a validation report."""
    return ValidationReport(
        objects=[
            ObjectValidation(
                kind=o["kind"],
                namespace=o["namespace"],
                name=o["name"],
                valid=o["valid"],
                errors=list(o["errors"]),
                file=o["file"],
                line=o["line"],
            )
            for o in value["objects"]
        ]
    )
