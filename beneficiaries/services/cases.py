"""A case from intake to its end: screening, the chair's decisions (grant, refusal,
adjustment, termination), a death.
"""

from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from households.models import Person
from households.services import person_record_death
from vn.dates import month_start

from .. import rules
from ..models import (
    OPEN_STATUSES,
    Benefit,
    Case,
    CaseStatus,
    DecisionNumber,
    EventKind,
    TerminationReason,
)
from ..queries import case_facts, rule_data
from .base import CaseError, _check_one_case, _check_writable, _event, _move, _update


@transaction.atomic
def case_open(
    *,
    user,
    person: Person,
    benefit: str,
    group: str,
    applied_on: date,
    flags=(),
    children_raised: int = 0,
    pension_amount: int = 0,
    disability_certified_on: date | None = None,
    documents=(),
    needs: str = "",
) -> Case:
    """Receive an application: the case opens at intake."""
    ward_id = person.household.ward_id
    _check_writable(user, ward_id)
    if person.deceased_on:
        raise CaseError(_("Người này đã mất: không mở hồ sơ được."))
    unknown = set(flags) - set(rules.FLAGS)
    if unknown:
        raise CaseError(_("Điều kiện không có trong danh mục: %(f)s.") % {"f": ", ".join(unknown)})
    _check_one_case(person, benefit)
    case = Case.objects.create(
        person=person,
        ward_id=ward_id,
        benefit=benefit,
        group=group if benefit == Benefit.ALLOWANCE else "",
        applied_on=applied_on,
        flags=sorted(set(flags)),
        children_raised=children_raised,
        pension_amount=pension_amount,
        disability_certified_on=disability_certified_on,
        documents=list(documents),
        needs=needs,
    )
    _event(case, user, EventKind.INTAKE, applied_on)
    return case


@transaction.atomic
def case_screen(*, user, case: Case, screened_on: date, note: str = "") -> Case:
    """The officer has checked the dossier and posted it: the case waits for the decision."""
    _check_writable(user, case.ward_id)
    _move(case, user, [CaseStatus.INTAKE], CaseStatus.SCREENING)
    _event(case, user, EventKind.SCREENED, screened_on, note=note)
    return case


def proposed_start(case: Case, decided_on: date) -> tuple[date, list[str]]:
    """The month payment starts (Điều 8 khoản 1đ) and the categories that make it."""
    data = rule_data(case.ward.parent_id)
    month = month_start(decided_on)
    if case.benefit == Benefit.PENSION:
        return month, []
    paid = _month(case, month, data).paid
    facts = case_facts(case, month)
    start = rules.start_month(
        paid, facts, decided_on, case.disability_certified_on, case.applied_on
    )
    return start, [r.code for r in paid]


def _month(case: Case, month: date, data) -> rules.Month:
    return data.month(case_facts(case, month), month)


def _paid_codes(case: Case, month: date) -> list[str]:
    """The allowance categories the case is paid under in the month; none for a pension."""
    if case.benefit == Benefit.PENSION:
        return []
    return [r.code for r in _month(case, month, rule_data(case.ward.parent_id)).paid]


@transaction.atomic
def next_decision_number(ward, year: int) -> str:
    """The ward's next number of the year, as "05/QĐ-UBND" (numbers restart at 01)."""
    counter, _created = DecisionNumber.objects.select_for_update().get_or_create(
        ward=ward, year=year
    )
    DecisionNumber.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db()
    return f"{counter.last:02d}/QĐ-UBND"


def _decision(case: Case, decided_on: date, signer: str, number: str) -> dict:
    """A decision's number (blank: the ward's next of the year), date and signer."""
    return {
        "decision_number": number or next_decision_number(case.ward, decided_on.year),
        "decision_date": decided_on,
        "signer": signer,
    }


@transaction.atomic
def case_grant(
    *,
    user,
    case: Case,
    decided_on: date,
    signer: str,
    number: str = "",
    start_month: date | None = None,
) -> Case:
    """The ward chair grants the case: it pays from the start month (arrears if earlier)."""
    _check_writable(user, case.ward_id)
    _check_one_case(case.person, case.benefit, exclude=case.pk)
    start, codes = proposed_start(case, decided_on)
    if not codes and case.benefit == Benefit.ALLOWANCE:
        raise CaseError(
            _("Theo dữ liệu hồ sơ, người này chưa thuộc nhóm đối tượng nào trong tháng quyết định.")
        )
    start = month_start(start_month) if start_month else start
    _move(case, user, [CaseStatus.SCREENING], CaseStatus.ACTIVE, start_month=start, end_month=None)
    _event(
        case,
        user,
        EventKind.GRANTED,
        decided_on,
        effective_month=start,
        **_decision(case, decided_on, signer, number),
        category=", ".join(codes),
    )
    return case


@transaction.atomic
def case_refuse(*, user, case: Case, refused_on: date, note: str) -> Case:
    _check_writable(user, case.ward_id)
    _move(case, user, [CaseStatus.INTAKE, CaseStatus.SCREENING], CaseStatus.REFUSED)
    _event(case, user, EventKind.REFUSED, refused_on, note=note)
    return case


@transaction.atomic
def case_adjust(
    *,
    user,
    case: Case,
    decided_on: date,
    signer: str,
    effective_month: date,
    version: int,
    number: str = "",
    flags=None,
    children_raised: int | None = None,
    pension_amount: int | None = None,
    note: str = "",
) -> Case:
    """A new decision changes the facts a case is paid on (category, children, …)."""
    _check_writable(user, case.ward_id)
    changes = {}
    if flags is not None:
        changes["flags"] = sorted(set(flags))
    if children_raised is not None:
        changes["children_raised"] = children_raised
    if pension_amount is not None:
        changes["pension_amount"] = pension_amount
    if not _update(case, user, Q(status=CaseStatus.ACTIVE, version=version), **changes):
        raise CaseError(
            _("Hồ sơ vừa được người khác thay đổi, hoặc không còn đang hưởng: hãy tải lại trang.")
        )
    effective = month_start(effective_month)
    # What the decision settled, kept with it: later rule rows must not rewrite its record.
    codes = _paid_codes(case, effective)
    if not codes and case.benefit == Benefit.ALLOWANCE:
        raise CaseError(
            _(
                "Với các thông tin mới, người này không còn thuộc nhóm đối tượng nào từ tháng "
                "áp dụng: hãy làm quyết định thôi hưởng thay cho điều chỉnh."
            )
        )
    _event(
        case,
        user,
        EventKind.ADJUSTED,
        decided_on,
        effective_month=effective,
        category=", ".join(codes),
        **_decision(case, decided_on, signer, number),
        note=note,
    )
    return case


@transaction.atomic
def case_terminate(
    *,
    user,
    case: Case,
    reason: str,
    happened_on: date,
    decided_on: date,
    signer: str,
    number: str = "",
    note: str = "",
) -> Case:
    """End the case: payment stops from the month after the event (Điều 8 khoản 2)."""
    _check_writable(user, case.ward_id)
    stop = rules.stop_month(happened_on)
    _move(
        case,
        user,
        [CaseStatus.ACTIVE, CaseStatus.SUSPENDED],
        CaseStatus.TERMINATED,
        end_month=stop,
    )
    _event(
        case,
        user,
        EventKind.TERMINATED,
        happened_on,
        effective_month=stop,
        **_decision(case, decided_on, signer, number),
        reason=reason,
        note=note,
    )
    return case


@transaction.atomic
def person_death_record(*, user, person: Person, died_on: date, signer: str = "") -> list[Case]:
    """Record a death: every open case of the person ends from the month after."""
    _check_writable(user, person.household.ward_id)
    if died_on > timezone.localdate():
        raise CaseError(_("Ngày mất không thể sau hôm nay."))
    person_record_death(user=user, person=person, died_on=died_on)
    ended = []
    for case in person.cases.filter(status__in=OPEN_STATUSES):
        if case.status in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED):
            ended.append(
                case_terminate(
                    user=user,
                    case=case,
                    reason=TerminationReason.DEATH,
                    happened_on=died_on,
                    decided_on=timezone.localdate(),
                    signer=signer,
                )
            )
        else:
            ended.append(
                case_refuse(user=user, case=case, refused_on=died_on, note=_("Người nộp đã mất."))
            )
    return ended
