"""The household register, the poverty standards and the review, one module each."""

from .register import (
    Classification,
    DisabilityLevel,
    Education,
    Household,
    HouseholdStatus,
    Movement,
    Person,
    Relation,
    Sex,
)
from .review import (
    Assessment,
    Cause,
    CommunityMeeting,
    ReviewItem,
    ReviewKind,
    ReviewRound,
    ReviewSource,
    ReviewStage,
    Wish,
)
from .standards import BasicService, DeprivationIndicator, PovertyStandard

__all__ = [
    "Assessment",
    "BasicService",
    "Cause",
    "Classification",
    "CommunityMeeting",
    "DeprivationIndicator",
    "DisabilityLevel",
    "Education",
    "Household",
    "HouseholdStatus",
    "Movement",
    "Person",
    "PovertyStandard",
    "Relation",
    "ReviewItem",
    "ReviewKind",
    "ReviewRound",
    "ReviewSource",
    "ReviewStage",
    "Sex",
    "Wish",
]
