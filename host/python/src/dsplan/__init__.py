"""dsplan for Python: which nodes get this DaemonSet, and why not the others.

>>> planner = Planner()
>>> report = planner.plan(documents_from_files(["cluster.yaml"], ["ds.yaml"]))
"""

from .errors import DsplanError
from .planner import Document, Planner, documents_from_files
from .report import (
    Action,
    ControllerDecision,
    DaemonSetPlan,
    Detail,
    Event,
    EventType,
    HostPortConflict,
    InsufficientResource,
    NodeAffinityTermsMismatch,
    NodeNameMismatch,
    NodePlan,
    NodeSelectorMismatch,
    PlanReport,
    PlanSummary,
    TooManyPods,
    UntoleratedTaint,
    parse_report,
)

__all__ = [
    "Action",
    "ControllerDecision",
    "DaemonSetPlan",
    "Detail",
    "Document",
    "DsplanError",
    "Event",
    "EventType",
    "HostPortConflict",
    "InsufficientResource",
    "NodeAffinityTermsMismatch",
    "NodeNameMismatch",
    "NodePlan",
    "NodeSelectorMismatch",
    "PlanReport",
    "PlanSummary",
    "Planner",
    "TooManyPods",
    "UntoleratedTaint",
    "documents_from_files",
    "parse_report",
]
