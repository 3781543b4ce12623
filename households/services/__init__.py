"""Writes to the household register. Each runs in one transaction and leaves history.

`register` saves households, members and statuses as the forms and imports give them;
`memberships` keeps the dated member lists in step; `deletion` says what forbids deleting
a record (deletion is for mistakes); `events` records what happens to a member on a day
(joins, departures, deaths, head changes) and `household_events` what happens to a whole
household (splits, merges, moves, receiving, dissolution).
"""

from .deletion import Refusal, household_deletion_refusal, person_deletion_refusal
from .events import Event, head_change, member_join, member_leave, person_record_death
from .household_events import (
    household_dissolve,
    household_merge,
    household_move_out,
    household_receive,
    household_relocate,
    household_split,
)
from .memberships import household_starts, memberships_sync
from .register import (
    HOUSEHOLD_FIELDS,
    PERSON_FIELDS,
    MemberData,
    RegisterError,
    StaleEdit,
    check_national_id_free,
    household_delete,
    household_save,
    household_status_record,
    households_reviewed,
    prepare_person,
    status_ranges_refresh,
    statuses_record,
)

__all__ = [
    "HOUSEHOLD_FIELDS",
    "PERSON_FIELDS",
    "Event",
    "MemberData",
    "Refusal",
    "RegisterError",
    "StaleEdit",
    "check_national_id_free",
    "head_change",
    "household_delete",
    "household_deletion_refusal",
    "household_dissolve",
    "household_merge",
    "household_move_out",
    "household_receive",
    "household_relocate",
    "household_save",
    "household_split",
    "household_starts",
    "household_status_record",
    "households_reviewed",
    "member_join",
    "member_leave",
    "memberships_sync",
    "person_deletion_refusal",
    "person_record_death",
    "prepare_person",
    "status_ranges_refresh",
    "statuses_record",
]
