"""Typed plan report: mirrors ``crates/dsplan-core/src/report.rs`` field for field.

Field names are the Rust names (snake_case); the JSON wire names are camelCase. Fields a newer
planner adds are ignored by :func:`parse_report`, so an older SDK keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Literal, Mapping, Optional, Union

ControllerDecision = Literal[
    "Run",
    "NodeNameMismatch",
    "NodeAffinityMismatch",
    "UntoleratedNoExecuteTaint",
    "UntoleratedNoScheduleTaint",
]
Action = Literal["create", "delete", "keep", "none"]
EventType = Literal["Normal", "Warning"]


@dataclass(frozen=True)
class Event:
    """A controller event, as ``kubectl get events`` would show it."""

    type: EventType
    reason: str
    message: str


@dataclass(frozen=True)
class NodeNameMismatch:
    """The template's ``spec.nodeName`` names another node."""

    wanted: str
    kind: Literal["nodeNameMismatch"] = "nodeNameMismatch"


@dataclass(frozen=True)
class NodeSelectorMismatch:
    """A ``nodeSelector`` entry does not match the node's labels."""

    key: str
    want: str
    have: Optional[str]
    kind: Literal["nodeSelectorMismatch"] = "nodeSelectorMismatch"


@dataclass(frozen=True)
class NodeAffinityTermsMismatch:
    """None of the required node-affinity terms matches."""

    terms: int
    invalid: List[str]
    kind: Literal["nodeAffinityTermsMismatch"] = "nodeAffinityTermsMismatch"


@dataclass(frozen=True)
class UntoleratedTaint:
    """A taint that no toleration tolerates."""

    key: str
    value: str
    effect: str
    kind: Literal["untoleratedTaint"] = "untoleratedTaint"


@dataclass(frozen=True)
class TooManyPods:
    """``Too many pods``: the node's pod capacity is used up."""

    pods: int
    allowed: int
    kind: Literal["tooManyPods"] = "tooManyPods"


@dataclass(frozen=True)
class InsufficientResource:
    """A resource the node lacks (cpu in millicores, others in whole units)."""

    resource: str
    requested: int
    used: int
    allocatable: int
    kind: Literal["insufficientResource"] = "insufficientResource"


@dataclass(frozen=True)
class HostPortConflict:
    """A host port already in use on the node."""

    protocol: str
    host_ip: str
    port: int
    used_by: str
    kind: Literal["hostPortConflict"] = "hostPortConflict"


Detail = Union[
    NodeNameMismatch,
    NodeSelectorMismatch,
    NodeAffinityTermsMismatch,
    UntoleratedTaint,
    TooManyPods,
    InsufficientResource,
    HostPortConflict,
]


@dataclass(frozen=True)
class NodePlan:
    """The plan for one (DaemonSet, node) pair."""

    node: str
    should_run: bool
    should_continue_running: bool
    controller_decision: ControllerDecision
    schedulable: Optional[bool]
    reasons: List[str]
    action: Action
    creates: int
    delete_pods: List[str]
    pods: List[str]
    details: List[Detail]
    events: List[Event]


@dataclass(frozen=True)
class PlanSummary:
    """Status counters (``updateDaemonSetStatus``) and totals of this sync's actions."""

    nodes: int
    desired_number_scheduled: int
    current_number_scheduled: int
    number_misscheduled: int
    number_ready: int
    number_available: int
    updated_number_scheduled: int
    number_unavailable: int
    creates: int
    deletes: int
    pending: int


@dataclass(frozen=True)
class DaemonSetPlan:
    """The plan for one DaemonSet."""

    namespace: str
    name: str
    summary: PlanSummary
    nodes: List[NodePlan]
    delete_pods_without_node: List[str]
    events: List[Event]


@dataclass(frozen=True)
class PlanReport:
    """For every DaemonSet: which nodes get a daemon pod, and why not the others."""

    daemon_sets: List[DaemonSetPlan]
    notes: List[str]


def _event(e: Mapping[str, Any]) -> Event:
    return Event(type=e["type"], reason=e["reason"], message=e["message"])


def _detail(d: Mapping[str, Any]) -> Detail:
    kind = d["kind"]
    if kind == "nodeNameMismatch":
        return NodeNameMismatch(wanted=d["wanted"])
    if kind == "nodeSelectorMismatch":
        return NodeSelectorMismatch(key=d["key"], want=d["want"], have=d["have"])
    if kind == "nodeAffinityTermsMismatch":
        return NodeAffinityTermsMismatch(terms=d["terms"], invalid=list(d["invalid"]))
    if kind == "untoleratedTaint":
        return UntoleratedTaint(key=d["key"], value=d["value"], effect=d["effect"])
    if kind == "tooManyPods":
        return TooManyPods(pods=d["pods"], allowed=d["allowed"])
    if kind == "insufficientResource":
        return InsufficientResource(
            resource=d["resource"],
            requested=d["requested"],
            used=d["used"],
            allocatable=d["allocatable"],
        )
    if kind == "hostPortConflict":
        return HostPortConflict(
            protocol=d["protocol"], host_ip=d["hostIp"], port=d["port"], used_by=d["usedBy"]
        )
    raise ValueError(f"unknown detail kind {kind!r}")


def _node(n: Mapping[str, Any]) -> NodePlan:
    return NodePlan(
        node=n["node"],
        should_run=n["shouldRun"],
        should_continue_running=n["shouldContinueRunning"],
        controller_decision=n["controllerDecision"],
        schedulable=n["schedulable"],
        reasons=list(n["reasons"]),
        action=n["action"],
        creates=n["creates"],
        delete_pods=list(n["deletePods"]),
        pods=list(n["pods"]),
        details=[_detail(d) for d in n["details"]],
        events=[_event(e) for e in n["events"]],
    )


def _summary(s: Mapping[str, Any]) -> PlanSummary:
    return PlanSummary(
        nodes=s["nodes"],
        desired_number_scheduled=s["desiredNumberScheduled"],
        current_number_scheduled=s["currentNumberScheduled"],
        number_misscheduled=s["numberMisscheduled"],
        number_ready=s["numberReady"],
        number_available=s["numberAvailable"],
        updated_number_scheduled=s["updatedNumberScheduled"],
        number_unavailable=s["numberUnavailable"],
        creates=s["creates"],
        deletes=s["deletes"],
        pending=s["pending"],
    )


def parse_report(value: Mapping[str, Any]) -> PlanReport:
    """Build a :class:`PlanReport` from the decoded JSON of a plan report."""
    return PlanReport(
        daemon_sets=[
            DaemonSetPlan(
                namespace=ds["namespace"],
                name=ds["name"],
                summary=_summary(ds["summary"]),
                nodes=[_node(n) for n in ds["nodes"]],
                delete_pods_without_node=list(ds["deletePodsWithoutNode"]),
                events=[_event(e) for e in ds["events"]],
            )
            for ds in value["daemonSets"]
        ],
        notes=list(value["notes"]),
    )
