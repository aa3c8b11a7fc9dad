"""Typed rollout report: mirrors ``crates/dsplan-rollout/src/report.rs`` (``dsplan rollout -o
json``) field for field, with the Rust (snake_case) names. Fields a newer planner adds are
ignored by :func:`parse_rollout_report`, so an older SDK keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Literal, Mapping, Optional

RevisionSource = Literal["controllerRevision", "dsplanHash", "podLabels", "generationOnly"]


@dataclass(frozen=True)
class Timing:
    """Pod lifecycle latencies the rollout timeline assumes, seconds (all three)."""

    pod_start_seconds: int
    readiness_seconds: int
    termination_seconds: int

    def to_json(self) -> "dict[str, int]":
        """The ABI's ``timing`` object."""
        return {
            "podStartSeconds": self.pod_start_seconds,
            "readinessSeconds": self.readiness_seconds,
            "terminationSeconds": self.termination_seconds,
        }


@dataclass(frozen=True)
class Revision:
    """The revision pods are compared against."""

    hash: str
    generation: Optional[int]
    source: RevisionSource
    number: Optional[int]


@dataclass(frozen=True)
class DaemonSetStatus:
    """The DaemonSet's status counters (apps/v1 ``DaemonSetStatus``)."""

    desired_number_scheduled: int
    current_number_scheduled: int
    number_misscheduled: int
    number_ready: int
    updated_number_scheduled: int
    number_available: int
    number_unavailable: int
    observed_generation: int


@dataclass(frozen=True)
class RolloutStep:
    """One sync that creates or deletes pods."""

    index: int
    at_seconds: int
    create: List[str]
    delete: List[str]
    unavailable: int
    surge: int


@dataclass(frozen=True)
class Stuck:
    """A node the rollout does not finish on, and why."""

    node: str
    reason: str


@dataclass(frozen=True)
class OnDeletePlan:
    """OnDelete: what changes once pods are deleted."""

    message: str
    replaced_when_deleted: List[str]


@dataclass(frozen=True)
class DaemonSetRollout:
    """The rollout of one DaemonSet to its current (or proposed) template."""

    namespace: str
    name: str
    strategy: str
    max_unavailable: Optional[int]
    max_surge: Optional[int]
    revision: Revision
    status: DaemonSetStatus
    rollout_status: str
    rollout_done: bool
    steps: List[RolloutStep]
    stuck: List[Stuck]
    final_status: DaemonSetStatus
    completed_at_seconds: Optional[int]
    syncs: int
    settled: bool
    errors: List[str]
    on_delete: Optional[OnDeletePlan]
    notes: List[str]


@dataclass(frozen=True)
class RolloutReport:
    """The simulated rollout of every DaemonSet."""

    daemon_sets: List[DaemonSetRollout]
    notes: List[str]


def _status(s: Mapping[str, Any]) -> DaemonSetStatus:
    return DaemonSetStatus(
        desired_number_scheduled=s["desiredNumberScheduled"],
        current_number_scheduled=s["currentNumberScheduled"],
        number_misscheduled=s["numberMisscheduled"],
        number_ready=s["numberReady"],
        updated_number_scheduled=s["updatedNumberScheduled"],
        number_available=s["numberAvailable"],
        number_unavailable=s["numberUnavailable"],
        observed_generation=s["observedGeneration"],
    )


def _rollout(d: Mapping[str, Any]) -> DaemonSetRollout:
    revision = d["revision"]
    on_delete = d["onDelete"]
    return DaemonSetRollout(
        namespace=d["namespace"],
        name=d["name"],
        strategy=d["strategy"],
        max_unavailable=d["maxUnavailable"],
        max_surge=d["maxSurge"],
        revision=Revision(
            hash=revision["hash"],
            generation=revision["generation"],
            source=revision["source"],
            number=revision["number"],
        ),
        status=_status(d["status"]),
        rollout_status=d["rolloutStatus"],
        rollout_done=d["rolloutDone"],
        steps=[
            RolloutStep(
                index=s["index"],
                at_seconds=s["atSeconds"],
                create=list(s["create"]),
                delete=list(s["delete"]),
                unavailable=s["unavailable"],
                surge=s["surge"],
            )
            for s in d["steps"]
        ],
        stuck=[Stuck(node=s["node"], reason=s["reason"]) for s in d["stuck"]],
        final_status=_status(d["finalStatus"]),
        completed_at_seconds=d["completedAtSeconds"],
        syncs=d["syncs"],
        settled=d["settled"],
        errors=list(d["errors"]),
        on_delete=(
            None
            if on_delete is None
            else OnDeletePlan(
                message=on_delete["message"],
                replaced_when_deleted=list(on_delete["replacedWhenDeleted"]),
            )
        ),
        notes=list(d["notes"]),
    )


def parse_rollout_report(value: Mapping[str, Any]) -> RolloutReport:
    """Build a :class:`RolloutReport` from the decoded JSON of a rollout report."""
    return RolloutReport(
        daemon_sets=[_rollout(d) for d in value["daemonSets"]],
        notes=list(value["notes"]),
    )
