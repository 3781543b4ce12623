"""The household register: households, persons and their dated statuses."""

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

__all__ = [
    "Classification",
    "DisabilityLevel",
    "Education",
    "Household",
    "HouseholdStatus",
    "Movement",
    "Person",
    "Relation",
    "Sex",
]
