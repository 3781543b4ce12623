"""Poverty standards, and the review rounds with their households, assessments and meetings."""

from .rounds import (
    Assessment,
    Cause,
    CommunityMeeting,
    PostingComplaint,
    ReviewItem,
    ReviewKind,
    ReviewRound,
    ReviewSource,
    ReviewStage,
    ReviewTimeLimit,
    Wish,
)
from .standards import BasicService, DeprivationIndicator, PovertyStandard

__all__ = [
    "Assessment",
    "BasicService",
    "Cause",
    "CommunityMeeting",
    "DeprivationIndicator",
    "PostingComplaint",
    "PovertyStandard",
    "ReviewItem",
    "ReviewKind",
    "ReviewRound",
    "ReviewSource",
    "ReviewStage",
    "ReviewTimeLimit",
    "Wish",
]
