"""Social work around a case (the 2026 ward plan): notes, and referrals to other services
with a follow-up.
"""

from datetime import date

from ..models import Case, CaseNote, Referral
from .base import _check_writable


def case_note_add(*, user, case: Case, text: str, written_on: date) -> CaseNote:
    _check_writable(user, case.ward_id)
    return CaseNote.objects.create(case=case, text=text, written_on=written_on, created_by=user)


def referral_add(
    *, user, case: Case, service: str, purpose: str, referred_on: date, follow_up_on=None
) -> Referral:
    _check_writable(user, case.ward_id)
    return Referral.objects.create(
        case=case,
        service=service,
        purpose=purpose,
        referred_on=referred_on,
        follow_up_on=follow_up_on,
        created_by=user,
    )


def referral_close(*, user, referral: Referral, outcome: str) -> Referral:
    _check_writable(user, referral.case.ward_id)
    Referral.objects.filter(pk=referral.pk).update(closed=True, outcome=outcome)
    referral.refresh_from_db()
    return referral
