"""What every step of a case shares: the refusal it raises, the write check, the status
guard and the event it writes.

Every change of a case is a conditional update (`_update`), so a form submitted twice (or
by two officers) moves the case once and writes one event; the update that succeeds also
writes the case's history row, so its history holds every state it was in.
"""

from datetime import date

from django.db.models import F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.scope import can_write_ward
from households.models import Person

from ..models import OPEN_STATUSES, Case, CaseEvent, CaseStatus

PENSION_RULE = gettext_lazy("Khoản 1 Điều 3 Nghị định 176/2025/NĐ-CP")


class CaseError(Exception):
    """A step refused for a reason the user can act on; the message is Vietnamese."""


def _check_writable(user, ward_id: int) -> None:
    if not can_write_ward(user, ward_id):
        raise CaseError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))


def _same_person(person: Person) -> Q:
    """The person, and anyone registered elsewhere under the same national ID."""
    if person.national_id:
        return Q(person=person) | Q(person__national_id=person.national_id)
    return Q(person=person)


def _check_one_case(person: Person, benefit: str, exclude: int | None = None) -> None:
    """One open case per person and benefit in the country; never an allowance and a
    social pension at once."""
    others = Case.objects.filter(_same_person(person), status__in=OPEN_STATUSES)
    if exclude:
        others = others.exclude(pk=exclude)
    other = others.select_related("ward").first()
    if other is None:
        return
    if other.benefit == benefit:
        raise CaseError(
            _("%(name)s đã có hồ sơ %(benefit)s đang mở tại %(ward)s: mỗi người chỉ một hồ sơ.")
            % {
                "name": person.full_name,
                "benefit": other.get_benefit_display().lower(),
                "ward": other.ward.name,
            }
        )
    raise CaseError(
        _(
            "%(name)s đang có hồ sơ %(benefit)s tại %(ward)s: không hưởng đồng thời trợ cấp "
            "xã hội hằng tháng và trợ cấp hưu trí xã hội, chỉ hưởng mức cao hơn (%(rule)s)."
        )
        % {
            "name": person.full_name,
            "benefit": other.get_benefit_display().lower(),
            "ward": other.ward.name,
            "rule": PENSION_RULE,
        }
    )


def _event(case: Case, user, kind: str, happened_on: date, **values) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, happened_on=happened_on, created_by=user, **values
    )


def _update(case: Case, user, only_if: Q, **fields) -> bool:
    """Write `fields` if the case still matches `only_if`; False when it no longer does.

    The update that wins re-reads the case and records it in the case's history, which a
    QuerySet.update() alone would not.
    """
    updated = Case.objects.filter(only_if, pk=case.pk).update(version=F("version") + 1, **fields)
    if updated:
        case.refresh_from_db()
        Case.history.bulk_history_create([case], update=True, default_user=user)
    return bool(updated)


def _move(case: Case, user, from_statuses, to_status: str, **fields) -> None:
    """Change the status if it is still one of from_statuses; raise otherwise."""
    if _update(case, user, Q(status__in=from_statuses), status=to_status, **fields):
        return
    current = Case.objects.filter(pk=case.pk).values_list("status", flat=True).first()
    raise CaseError(
        _("Hồ sơ đang ở trạng thái “%(status)s”: bước này đã được ghi hoặc không làm được.")
        % {"status": CaseStatus(current).label if current else ""}
    )
