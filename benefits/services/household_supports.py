"""Writes of the supports a household receives besides money: a loan's need, referral and
the bank's answer as it reports them; housing support through its stages with its funding
sources. Bad input is refused with a Vietnamese message; nothing is half written."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from areas.scope import can_write_ward

from ..models import HousingFunding, HousingSupport, Loan


class SupportRecordError(Exception):
    """A refusal the user can act on; the message is Vietnamese."""


def _check_writable(user, ward_id: int) -> None:
    if user is not None and not can_write_ward(user, ward_id):
        raise SupportRecordError(_("Bạn không có quyền ghi hỗ trợ của xã, phường này."))


def _check_order(*days: tuple[str, date | None]) -> None:
    """Each day given on or after the one before it."""
    known = [(label, day) for label, day in days if day]
    for (first, a), (second, b) in zip(known, known[1:], strict=False):
        if b < a:
            raise SupportRecordError(
                _("%(second)s không thể trước %(first)s.") % {"first": first, "second": second}
            )


LOAN_FIELDS = (
    "asked_on",
    "purpose",
    "amount_asked",
    "referred_on",
    "programme",
    "answered_on",
    "amount_lent",
    "disbursed_on",
    "term_months",
    "status",
    "notes",
)


def loan_save(*, user, household, loan: Loan | None = None, **fields) -> Loan:
    """Record a household's loan need or what the bank reported since (a new one when
    `loan` is None)."""
    _check_writable(user, household.ward_id)
    loan = loan or Loan(household=household, ward_id=household.ward_id)
    for name in LOAN_FIELDS:
        if name in fields:
            setattr(loan, name, fields[name])
    _check_order(
        (_("Ngày đăng ký nhu cầu"), loan.asked_on),
        (_("Ngày giới thiệu đến ngân hàng"), loan.referred_on),
        (_("Ngày ngân hàng trả lời"), loan.answered_on),
        (_("Ngày giải ngân"), loan.disbursed_on),
    )
    if loan.got and not (loan.amount_lent and loan.disbursed_on):
        raise SupportRecordError(
            _("Khoản vay đã giải ngân cần số tiền được vay và ngày giải ngân.")
        )
    if loan.status == Loan.Status.ASKED and loan.referred_on:
        loan.status = Loan.Status.REFERRED
    loan.recorded_by = user
    loan.save()
    return loan


STAGES = (
    HousingSupport.Stage.PROPOSED,
    HousingSupport.Stage.APPROVED,
    HousingSupport.Stage.STARTED,
    HousingSupport.Stage.ACCEPTED,
)
STAGE_DAYS = {
    HousingSupport.Stage.APPROVED: "approved_on",
    HousingSupport.Stage.STARTED: "started_on",
    HousingSupport.Stage.ACCEPTED: "accepted_on",
}


@transaction.atomic
def housing_propose(
    *, user, household, condition: str, need: str, proposed_on: date, funding: dict, notes=""
) -> HousingSupport:
    """A household's housing support, proposed with the amounts each source pays."""
    _check_writable(user, household.ward_id)
    support = HousingSupport.objects.create(
        ward_id=household.ward_id,
        household=household,
        condition=condition,
        need=need,
        proposed_on=proposed_on,
        notes=notes,
        recorded_by=user,
    )
    housing_fund(user=user, support=support, funding=funding)
    return support


@transaction.atomic
def housing_fund(*, user, support: HousingSupport, funding: dict[str, int]) -> None:
    """Set each source's amount (0 removes it)."""
    _check_writable(user, support.ward_id)
    for source, amount in funding.items():
        if amount:
            HousingFunding.objects.update_or_create(
                support=support, source=source, defaults={"amount": amount}
            )
        else:
            HousingFunding.objects.filter(support=support, source=source).delete()


def housing_advance(*, user, support: HousingSupport, stage: str, on: date) -> bool:
    """Move the support to the next stage on the day (approved, started, accepted), in
    order; a stage already reached changes nothing (False)."""
    _check_writable(user, support.ward_id)
    if support.stage == HousingSupport.Stage.CANCELLED:
        raise SupportRecordError(_("Khoản hỗ trợ nhà ở đã hủy."))
    if STAGES.index(stage) <= STAGES.index(support.stage):
        return False
    if STAGES.index(stage) != STAGES.index(support.stage) + 1:
        raise SupportRecordError(_("Hãy ghi lần lượt: phê duyệt, khởi công, nghiệm thu."))
    setattr(support, STAGE_DAYS[stage], on)
    _check_order(
        (_("Ngày đề xuất"), support.proposed_on),
        (_("Ngày phê duyệt"), support.approved_on),
        (_("Ngày khởi công"), support.started_on),
        (_("Ngày nghiệm thu"), support.accepted_on),
    )
    support.stage = stage
    support.save(update_fields=["stage", STAGE_DAYS[stage], "updated_at"])
    return True
