"""Poverty standards, and the review rounds with their households, assessments and meetings."""

from .rounds import (
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
    "CommunityMeeting",
    "DeprivationIndicator",
    "PovertyStandard",
    "ReviewItem",
    "ReviewKind",
    "ReviewRound",
    "ReviewSource",
    "ReviewStage",
    "Wish",
]
