"""Deletion is for mistakes: what still refers to a household or a person, and why that
forbids deleting it.

A household typed in by mistake today can go; once anything decided, reported, paid or
imported refers to it, or its people have lived elsewhere, deleting it would rewrite the
past, so the page names what refers to it and offers the event that records what really
happened (a departure, a dissolution, a move).
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db import router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Household, HouseholdStatus, Membership, Person

# imports.services gives every record an import creates or changes the change reason
# "Nhập từ tệp <file> (lần nhập #<job>)" ("… (import #<job>)" under English). Nothing else
# links an import job to a household, so its history is the evidence.
IMPORT_REASON = r"\((lần nhập|import) #[0-9]+\)$"
_JOB = re.compile(r"#(\d+)\)$")
_SHOWN = 3  # objects named per kind; the rest are counted


@dataclass(frozen=True)
class Refusal:
    """Why a record may not be deleted, and the event to record instead (Vietnamese)."""

    subject: str
    reasons: list[str]
    instead: str

    def __str__(self) -> str:
        refused = _("Không thể xoá %(subject)s: %(reasons)s.") % {
            "subject": self.subject,
            "reasons": "; ".join(self.reasons),
        }
        return f"{refused} {self.instead}"


def household_deletion_refusal(household: Household, *, today: date | None = None):
    """Return why the household may not be deleted, or None when nothing refers to it."""
    today = today or timezone.localdate()
    statuses = household.statuses.select_related("review_round").order_by("valid_from")
    reasons = [
        *_status_reasons(list(statuses), today),
        *_referring(household),
        *_imported(
            Household.history.filter(id=household.pk),
            Person.history.filter(household_id=household.pk),
            HouseholdStatus.history.filter(household_id=household.pk),
        ),
        *_lived_elsewhere(household),
    ]
    if not reasons:
        return None
    if household.closed_on:
        instead = _("Hộ đã đóng sổ từ ngày %(day)s: sổ giữ hộ cùng lịch sử của hộ.") % {
            "day": f"{household.closed_on:%d/%m/%Y}"
        }
    else:
        instead = _(
            "Chỉ xoá được hộ ghi nhầm. Hộ không còn ai ở: ghi từng người ra khỏi hộ rồi "
            "đóng sổ / giải thể hộ; cả hộ chuyển đi nơi khác: dùng “cả hộ chuyển đi”."
        )
    return Refusal(_("hộ %(code)s") % {"code": household.code}, reasons, instead)


def person_deletion_refusal(person: Person, *, today: date | None = None):
    """Return why the person may not be deleted from their household, or None."""
    today = today or timezone.localdate()
    reasons = [
        *_counted(person, today),
        *_referring(person),
        *_imported(Person.history.filter(id=person.pk)),
    ]
    elsewhere = person.memberships.exclude(household_id=person.household_id)
    codes = sorted({m.household.code for m in elsewhere.select_related("household")})
    if codes:
        reasons.append(_("người này từng ở hộ %(codes)s") % {"codes": ", ".join(codes)})
    if not reasons:
        return None
    instead = _("Chỉ xoá được người ghi nhầm: hãy ghi người này ra khỏi hộ (chuyển đi, qua đời).")
    return Refusal(person.full_name, reasons, instead)


def _status_reasons(statuses: list[HouseholdStatus], today: date) -> list[str]:
    decided, past = [], []
    for s in statuses:
        if s.decision_number:
            decided.append(
                _("năm %(year)s, quyết định số %(number)s")
                % {"year": s.year, "number": s.decision_number}
            )
        elif s.review_round_id:
            decided.append(_("năm %(year)s, %(round)s") % {"year": s.year, "round": s.review_round})
        elif s.valid_from < today:
            past.append(
                _("năm %(year)s từ ngày %(day)s")
                % {"year": s.year, "day": f"{s.valid_from:%d/%m/%Y}"}
            )
    reasons = []
    if decided:
        reasons.append(_("phân loại hộ đã có quyết định (%(list)s)") % {"list": "; ".join(decided)})
    if past:
        reasons.append(
            _("phân loại hộ đã áp dụng trước hôm nay, đã được tính vào số liệu báo cáo (%(list)s)")
            % {"list": "; ".join(past)}
        )
    return reasons


def _counted(person: Person, today: date) -> list[str]:
    """The household's statuses that counted the person: in force on a day before today
    while they were a member, or decided while they were."""
    held = list(person.memberships.filter(household_id=person.household_id))
    counted = []
    for s in person.household.statuses.order_by("valid_from"):
        decided = bool(s.decision_number or s.review_round_id)
        for m in held:
            first = max(s.valid_from, m.started_on)
            ends = [d for d in (s.superseded_on, m.ended_on) if d]
            overlap_before_today = first < min([*ends, today])
            member_when_decided = m.started_on <= s.valid_from and (
                m.ended_on is None or s.valid_from < m.ended_on
            )
            if overlap_before_today or (decided and member_when_decided):
                counted.append(
                    _("năm %(year)s từ ngày %(day)s")
                    % {"year": s.year, "day": f"{s.valid_from:%d/%m/%Y}"}
                )
                break
    if not counted:
        return []
    return [
        _("người này có tên trong hộ khi hộ được phân loại (%(list)s)")
        % {"list": "; ".join(counted)}
    ]


def _referring(obj) -> list[str]:
    """What Django's deletion would refuse to delete along with the object (a case of a
    member, a review item or assessment, a household this one passed to), by kind."""
    collector = Collector(using=router.db_for_write(type(obj)), origin=obj)
    try:
        collector.collect([obj])
    except ProtectedError as e:
        found = e.protected_objects
    except RestrictedError as e:
        found = e.restricted_objects
    else:
        return []
    kinds: dict[str, list[str]] = {}
    for o in found:
        kinds.setdefault(str(o._meta.verbose_name), []).append(str(o))
    reasons = []
    for kind, names in sorted(kinds.items()):
        names.sort()
        shown = ", ".join(names[:_SHOWN])
        if len(names) > _SHOWN:
            shown += " " + _("và %(n)d mục khác") % {"n": len(names) - _SHOWN}
        reasons.append(_("có %(kind)s: %(names)s") % {"kind": kind, "names": shown})
    return reasons


def _imported(*histories) -> list[str]:
    jobs = set()
    for history in histories:
        for reason in history.filter(history_change_reason__regex=IMPORT_REASON).values_list(
            "history_change_reason", flat=True
        ):
            jobs.add(int(_JOB.search(reason).group(1)))
    if not jobs:
        return []
    return [
        _("dữ liệu đã được nhập từ danh sách (lần nhập %(jobs)s)")
        % {"jobs": ", ".join(f"#{n}" for n in sorted(jobs))}
    ]


def _lived_elsewhere(household: Household) -> list[str]:
    """The people of the household who have lived in another one, or live in one now."""
    people = Membership.objects.filter(household=household).values("person_id")
    elsewhere = (
        Membership.objects.filter(person_id__in=people)
        .exclude(household=household)
        .select_related("person", "household__ward")
        .order_by("person__full_name", "started_on")
    )
    seen = {}
    for m in elsewhere:
        seen.setdefault(
            (m.person.full_name, m.household.code),
            _("%(name)s (hộ %(code)s, %(ward)s)")
            % {"name": m.person.full_name, "code": m.household.code, "ward": m.household.ward},
        )
    if not seen:
        return []
    return [_("nhân khẩu có tên ở hộ khác: %(list)s") % {"list": "; ".join(seen.values())}]
