"""The household register: households, persons and their dated statuses."""

from .identity import IdentityClash
from .membership import Joined, Left, Membership
from .register import (
    Classification,
    Closed,
    DisabilityLevel,
    Education,
    Household,
    HouseholdStatus,
    Movement,
    Person,
    Relation,
    Sex,
)

__all__ = [
    "Classification",
    "Closed",
    "DisabilityLevel",
    "Education",
    "Household",
    "HouseholdStatus",
    "IdentityClash",
    "Joined",
    "Left",
    "Membership",
    "Movement",
    "Person",
    "Relation",
    "Sex",
]
