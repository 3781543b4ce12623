"""Writes of the one-off supports (ND 20/2021 Điều 11–15): proposed by the ward's officer
at no less than the minimum the law sets, decided by the ward chair, then paid through the
next payroll (reconciliation marks it paid) or on the spot, or cancelled before it is paid.

Every step is a conditional update of the support's status under a row lock, so a form
submitted twice acts once."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.models import Area
from areas.scope import can_write_ward
from beneficiaries import rules as case_rules
from beneficiaries.queries import rule_data
from beneficiaries.services import next_decision_number
from households.models import Household, Person
from vn.dates import month_start
from vn.money import vnd

from .. import rules
from ..models import BenefitKind, BenefitType, Payroll, PayrollLine, Support, SupportRate
from ..queries import dues

# BenefitType codes (benefits/migrations/0002_benefit_types.py) and who receives them.
FUNERALS = ("funeral", "funeral_disaster", "funeral_facility")
HOUSING = ("housing_build", "housing_relocate", "housing_repair")
RICE = "emergency_rice"
PERSONAL = (*FUNERALS, "serious_injury")  # paid for one person, never a household
SUPPORT_CODES = (*FUNERALS, "serious_injury", RICE, *HOUSING)
RICE_MONTHS = 3  # at most 3 months per disaster (Điều 12 khoản 1)


def decimal_text(value: Decimal) -> str:
    """20 for 20.00, 2,5 for 2.50: a multiple or a quantity as a decision writes it."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")


class SupportError(Exception):
    """A support step refused for a reason the user can act on; the message is Vietnamese."""


@dataclass(frozen=True)
class Minimum:
    """The least the law gives for a support, and how it is computed."""

    rate: SupportRate
    amount: int  # đồng; 0 for support in kind
    standard_level: int | None  # the level a multiple was taken of
    quantity: Decimal | None  # kg of rice, for support in kind

    @property
    def reference(self) -> str:
        return self.rate.legal_reference

    @property
    def computation(self) -> str:
        """ "20 × 500.000 đồng", "40.000.000 đồng" or "15 kg/người/tháng"."""
        if self.rate.multiple is not None:
            return _("%(n)s × mức chuẩn trợ giúp xã hội %(level)s đồng") % {
                "n": decimal_text(self.rate.multiple),
                "level": vnd(self.standard_level or 0, symbol=False),
            }
        if self.rate.quantity is not None:
            return f"{decimal_text(self.rate.quantity)} {self.rate.unit}".strip()
        return _("%(amount)s đồng") % {"amount": vnd(self.amount, symbol=False)}


def support_minimum(
    ward: Area, benefit_type: BenefitType, event_on: date, *, persons: int = 1, months: int = 1
) -> Minimum:
    """The minimum of the rate in force on the day (the province's own row before the
    national one) at the standard level in force that month."""
    rate = dues._rate_in_force(dues._rates(benefit_type.code), ward.parent_id, event_on)
    if rate is None:
        raise SupportError(
            _("Chưa có mức %(type)s áp dụng ngày %(d)s: hãy nhập mức trong danh mục.")
            % {"type": benefit_type.name.lower(), "d": f"{event_on:%d/%m/%Y}"}
        )
    return rate_minimum(rate, ward, event_on, persons=persons, months=months)


def rate_minimum(
    rate: SupportRate, ward: Area, event_on: date, *, persons: int = 1, months: int = 1
) -> Minimum:
    """What a rate gives for an event: a multiple is of the standard level of its month."""
    level = None
    if rate.multiple is not None:
        found = case_rules.in_force(
            rule_data(ward.parent_id).standard_levels, month_start(event_on)
        )
        if found is None:
            raise SupportError(
                _("Chưa có mức chuẩn trợ giúp xã hội áp dụng tháng %(m)s.")
                % {"m": f"{event_on:%m/%Y}"}
            )
        level = found.amount
    amount = rules.support_amount(multiple=rate.multiple, amount=rate.amount, standard_level=level)
    quantity = rules.support_quantity(rate.quantity, persons=persons, months=months)
    return Minimum(rate, amount, level, quantity)


def _check_writable(user, ward_id: int) -> None:
    if user is None or not can_write_ward(user, ward_id):
        raise SupportError(_("Bạn không có quyền lập, quyết định trợ giúp của xã, phường này."))


def _recipient(ward: Area, code: str, person, household) -> tuple[Person | None, Household]:
    """The person and household a support is for, both of the ward."""
    if person is None and household is None:
        raise SupportError(_("Hãy chọn người hoặc hộ được hỗ trợ."))
    if person is not None:
        if household is not None and household.pk != person.household_id:
            raise SupportError(_("Người được hỗ trợ không thuộc hộ đã chọn."))
        household = person.household
    if household.ward_id != ward.pk:
        raise SupportError(_("Người hoặc hộ được hỗ trợ không thuộc %(w)s.") % {"w": ward.name})
    if code in PERSONAL and person is None:
        raise SupportError(_("Khoản hỗ trợ này dành cho một người: hãy nhập số định danh."))
    if person is None and not household.members.exists():
        raise SupportError(_("Hộ chưa có nhân khẩu nào: chưa biết ai nhận hỗ trợ."))
    return person, household


def _check_funeral(person: Person, event_on: date) -> None:
    """Once per death (Điều 11 khoản 2: several grounds give only the highest)."""
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one proposal at a time
    if person.deceased_on is None:
        raise SupportError(
            _("%(name)s chưa được ghi nhận đã mất: hãy ghi nhận việc mất trước.")
            % {"name": person.full_name}
        )
    if event_on != person.deceased_on:
        raise SupportError(
            _("Ngày xảy ra của hỗ trợ mai táng là ngày mất (%(d)s).")
            % {"d": f"{person.deceased_on:%d/%m/%Y}"}
        )
    decided = (
        Support.objects.filter(person=person, benefit_type__code__in=FUNERALS)
        .exclude(status=Support.Status.CANCELLED)
        .exists()
    )
    paid = (
        PayrollLine.objects.filter(person_id=person.pk, benefit_type__code=dues.FUNERAL)
        .exclude(payroll__status=Payroll.Status.DRAFT)
        .exists()
    )
    if decided or paid:
        raise SupportError(
            _("%(name)s đã được đề xuất, quyết định hoặc chi hỗ trợ chi phí mai táng.")
            % {"name": person.full_name}
        )


def _amount(minimum: Minimum, typed: int | None, in_kind: bool) -> int:
    """The law sets minimums: an officer may give more, never less."""
    if in_kind:
        if typed:
            raise SupportError(_("Hỗ trợ lương thực cấp bằng gạo, không ghi số tiền."))
        return 0
    if typed is None or typed == 0:
        return minimum.amount
    if typed < minimum.amount:
        raise SupportError(
            _("Số tiền %(typed)s thấp hơn mức tối thiểu %(min)s (%(how)s, %(ref)s).")
            % {
                "typed": vnd(typed),
                "min": vnd(minimum.amount),
                "how": minimum.computation,
                "ref": minimum.reference,
            }
        )
    return typed


@transaction.atomic
def support_propose(
    *,
    user,
    ward: Area,
    benefit_type: BenefitType,
    event_on: date,
    person: Person | None = None,
    household: Household | None = None,
    reason: str = "",
    persons: int = 1,
    months: int = 1,
    amount: int | None = None,
    receiver_name: str = "",
    receiver_relation: str = "",
    payment: str = Support.Payment.PAYROLL,
) -> Support:
    """Propose a one-off support at the minimum in force on the day of the event, or more."""
    _check_writable(user, ward.pk)
    code = benefit_type.code
    if code not in SUPPORT_CODES:
        raise SupportError(_("Loại trợ giúp này không phải trợ giúp một lần."))
    person, household = _recipient(ward, code, person, household)
    if event_on > timezone.localdate():
        raise SupportError(_("Ngày xảy ra ở tương lai."))
    if persons < 1 or months < 1:
        raise SupportError(_("Số người và số tháng phải từ 1 trở lên."))
    if code == RICE and months > RICE_MONTHS:
        raise SupportError(
            _("Hỗ trợ gạo tối đa %(n)s tháng mỗi đợt thiên tai (Điều 12 Nghị định 20/2021/NĐ-CP).")
            % {"n": RICE_MONTHS}
        )
    if code in FUNERALS:
        _check_funeral(person, event_on)
    minimum = support_minimum(ward, benefit_type, event_on, persons=persons, months=months)
    in_kind = benefit_type.kind == BenefitKind.IN_KIND
    return Support.objects.create(
        ward=ward,
        benefit_type=benefit_type,
        rate=minimum.rate,
        person=person,
        household=household,
        event_on=event_on,
        reason=reason,
        persons=persons if code == RICE else 1,
        months=months if code == RICE else 1,
        amount=_amount(minimum, amount, in_kind),
        quantity=minimum.quantity,
        receiver_name=receiver_name,
        receiver_relation=receiver_relation,
        # Rice is handed out where it is stored: it never goes on the provider's list.
        payment=Support.Payment.SPOT if in_kind else payment,
        created_by=user,
    )


def _locked(support: Support, *statuses) -> Support | None:
    """The support's row, locked, if it is still in one of the statuses."""
    return Support.objects.select_for_update().filter(pk=support.pk, status__in=statuses).first()


@transaction.atomic
def support_decide(
    *, user, support: Support, decided_on: date, signer: str, number: str = ""
) -> bool:
    """The ward chair decides the proposed support; deciding twice does nothing (False).

    Without a number it takes the ward's next decision number of the year, as a case's
    decision does."""
    _check_writable(user, support.ward_id)
    if not signer.strip():
        raise SupportError(_("Hãy ghi người ký quyết định."))
    if decided_on > timezone.localdate():
        raise SupportError(_("Ngày quyết định ở tương lai."))
    if decided_on < support.event_on:
        raise SupportError(_("Ngày quyết định trước ngày xảy ra."))
    if _locked(support, Support.Status.PROPOSED) is None:
        support.refresh_from_db()
        return False
    Support.objects.filter(pk=support.pk, status=Support.Status.PROPOSED).update(
        status=Support.Status.DECIDED,
        decided_on=decided_on,
        signer=signer.strip(),
        decision_number=number.strip() or next_decision_number(support.ward, decided_on.year),
        updated_at=timezone.now(),
    )
    support.refresh_from_db()
    return True


@transaction.atomic
def support_pay_on_spot(*, user, support: Support, paid_on: date) -> bool:
    """Record the decided support handed out on the spot; twice does nothing (False)."""
    _check_writable(user, support.ward_id)
    if support.payment != Support.Payment.SPOT:
        raise SupportError(_("Khoản này chi qua bảng chi trả: kết quả ghi theo bảng chi trả."))
    if support.status == Support.Status.PROPOSED:
        raise SupportError(_("Khoản hỗ trợ chưa có quyết định: chưa chi được."))
    if paid_on > timezone.localdate():
        raise SupportError(_("Ngày chi ở tương lai."))
    if support.decided_on and paid_on < support.decided_on:
        raise SupportError(_("Ngày chi trước ngày quyết định."))
    done = Support.objects.filter(pk=support.pk, status=Support.Status.DECIDED).update(
        status=Support.Status.PAID, paid_on=paid_on, updated_at=timezone.now()
    )
    support.refresh_from_db()
    return bool(done)


def listed_on_payroll(support: Support) -> Payroll | None:
    """The approved (or later) payroll listing the support, if any."""
    line = (
        PayrollLine.objects.filter(support=support)
        .exclude(payroll__status=Payroll.Status.DRAFT)
        .select_related("payroll")
        .order_by("-payroll__month")
        .first()
    )
    return line.payroll if line else None


@transaction.atomic
def support_cancel(*, user, support: Support, note: str) -> bool:
    """Cancel a support not paid yet and on no approved payroll; twice does nothing (False).

    The note is kept after the reason: the record says why it was dropped."""
    _check_writable(user, support.ward_id)
    if not note.strip():
        raise SupportError(_("Hãy ghi lý do hủy."))
    if support.status == Support.Status.PAID:
        raise SupportError(_("Khoản hỗ trợ đã chi: không hủy được."))
    locked = _locked(support, Support.Status.PROPOSED, Support.Status.DECIDED)
    if locked is None:
        support.refresh_from_db()
        return False
    payroll = listed_on_payroll(locked)
    if payroll is not None:
        raise SupportError(
            _("Khoản hỗ trợ đã vào bảng chi trả tháng %(m)s đã duyệt: không hủy được.")
            % {"m": f"{payroll.month:%m/%Y}"}
        )
    today = timezone.localdate()
    cancelled = _("Hủy ngày %(d)s: %(note)s") % {"d": f"{today:%d/%m/%Y}", "note": note.strip()}
    reason = f"{locked.reason}\n{cancelled}" if locked.reason else cancelled
    Support.objects.filter(
        Q(pk=support.pk), ~Q(status__in=(Support.Status.PAID, Support.Status.CANCELLED))
    ).update(status=Support.Status.CANCELLED, reason=reason, updated_at=timezone.now())
    support.refresh_from_db()
    return True
