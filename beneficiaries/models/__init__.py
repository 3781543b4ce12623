"""The app's models: policy as dated data (policy.py) and the cases with their events
(cases.py)."""

from .cases import (
    DECISION_KINDS,
    OPEN_STATUSES,
    Benefit,
    Case,
    CaseEvent,
    CaseNote,
    CaseQuerySet,
    CaseStatus,
    DecisionNumber,
    EventKind,
    Referral,
    Service,
    TerminationReason,
)
from .policy import (
    GROUPS,
    CareAllowanceRate,
    Category,
    DatedAmount,
    ProvinceScoped,
    SocialPensionRate,
    StandardLevel,
    TimeLimit,
)

__all__ = [
    "DECISION_KINDS",
    "GROUPS",
    "OPEN_STATUSES",
    "Benefit",
    "CareAllowanceRate",
    "Case",
    "CaseEvent",
    "CaseNote",
    "CaseQuerySet",
    "CaseStatus",
    "Category",
    "DatedAmount",
    "DecisionNumber",
    "EventKind",
    "ProvinceScoped",
    "Referral",
    "Service",
    "SocialPensionRate",
    "StandardLevel",
    "TerminationReason",
    "TimeLimit",
]
