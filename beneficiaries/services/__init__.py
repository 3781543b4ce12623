"""Writes of social-assistance cases: intake to termination, each step a dated event, and
the move of a case to another ward."""

from .base import CaseError
from .cases import (
    case_adjust,
    case_grant,
    case_open,
    case_refuse,
    case_screen,
    case_terminate,
    next_decision_number,
    person_death_record,
    proposed_start,
)
from .casework import case_note_add, referral_add, referral_close
from .clashes import identity_clash_resolve
from .payments import case_collected_record, case_resume, case_suspend, case_unpaid_record
from .transfers import case_transfer_in, case_transfer_out

__all__ = [
    "CaseError",
    "case_adjust",
    "case_collected_record",
    "case_grant",
    "case_note_add",
    "case_open",
    "case_refuse",
    "case_resume",
    "case_screen",
    "case_suspend",
    "case_terminate",
    "case_transfer_in",
    "case_transfer_out",
    "case_unpaid_record",
    "identity_clash_resolve",
    "next_decision_number",
    "person_death_record",
    "proposed_start",
    "referral_add",
    "referral_close",
]
