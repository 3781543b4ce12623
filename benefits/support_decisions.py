"""The ward chair's decision on a one-off support (QUYẾT ĐỊNH, ND 30/2020 Phụ lục III
Mẫu 1.2), printed by beneficiaries/docs/decision.html as a case's decision is: who receives
it, the amount in figures and words with the article of ND 20/2021 it is computed from
(Điều 1), how it is paid (Điều 2), who carries it out (Điều 3)."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.wording import group_in_text
from beneficiaries.documents.decisions.parts import amount_text, basis, honorific
from households.models import Person
from ui.documents import (
    Letterhead,
    Recipients,
    address_text,
    ascii_filename,
    chair_signer,
    place_and_date,
    split_number,
    unit_in_text,
)
from vn.dates import month_start, next_month
from vn.money import vnd

from .models import Payroll, PayrollLine, Support
from .services.payrolls import _recipient
from .services.supports import FUNERALS, RICE, Minimum, decimal_text, rate_minimum

# "Về việc <what> cho …": each support as a decision names it.
WHAT = {
    "funeral": gettext_lazy("hỗ trợ chi phí mai táng"),
    "funeral_disaster": gettext_lazy("hỗ trợ chi phí mai táng"),
    "funeral_facility": gettext_lazy("hỗ trợ chi phí mai táng"),
    "serious_injury": gettext_lazy("hỗ trợ người bị thương nặng"),
    "emergency_rice": gettext_lazy("hỗ trợ lương thực"),
    "housing_build": gettext_lazy("hỗ trợ làm nhà ở"),
    "housing_relocate": gettext_lazy("hỗ trợ di dời nhà ở khẩn cấp"),
    "housing_repair": gettext_lazy("hỗ trợ sửa chữa nhà ở"),
}

__all__ = ["support_decision_context", "support_decision_filename"]


def _who(support: Support, person: Person, day: date) -> str:
    """ "ông Nguyễn Văn An", or "hộ bà Lê Thị Mai" for a household's support."""
    named = f"{honorific(person, day)} {person.full_name}"
    return named if support.person_id else _("hộ %(who)s") % {"who": named}


def _address(support: Support) -> str:
    household, ward = support.household, support.ward
    group = household.residential_group
    parts = [household.address, group.name if group else "", unit_in_text(ward.name)]
    if ward.parent_id:
        parts.append(unit_in_text(ward.parent.name))
    return address_text(parts)


def _details(support: Support, person: Person, minimum: Minimum) -> list[tuple[str, str]]:
    """The recipient's lines, the event, what is given and how it was computed."""
    funeral = support.benefit_type.code in FUNERALS
    details = [(_("Họ và tên") if support.person_id else _("Chủ hộ"), person.full_name)]
    if support.person_id:
        details.append(
            (
                _("Ngày, tháng, năm sinh"),
                _("%(birth)s; giới tính: %(sex)s")
                % {"birth": person.birth_display, "sex": person.get_sex_display().lower()},
            )
        )
        details.append((_("Số định danh cá nhân"), person.national_id or person.legacy_id))
    else:
        details.append((_("Mã hộ"), support.household.code))
    details.append((_("Nơi cư trú"), _address(support)))
    details.append((_("Ngày mất") if funeral else _("Ngày xảy ra"), f"{support.event_on:%d/%m/%Y}"))
    if support.reason:
        details.append((_("Lý do"), " ".join(support.reason.split())))
    if support.receiver_name:
        receiver = support.receiver_name
        if support.receiver_relation:
            receiver = f"{receiver} ({support.receiver_relation})"
        details.append((_("Người nhận"), receiver))
    details += _given(support, minimum)
    return details


def _given(support: Support, minimum: Minimum) -> list[tuple[str, str]]:
    reference = minimum.reference
    if reference.startswith("Khoản"):  # inside a sentence: "khoản 3 Điều 15"
        reference = reference[0].lower() + reference[1:]
    if support.benefit_type.code == RICE:
        per = decimal_text(minimum.rate.quantity)
        how = _("%(per)s kg/người/tháng × %(n)s người × %(m)s tháng, quy định tại %(ref)s") % {
            "per": per,
            "n": support.persons,
            "m": support.months,
            "ref": reference,
        }
        kg = decimal_text(support.quantity or 0)
        return [(_("Số lượng"), _("%(kg)s kg gạo") % {"kg": kg}), (_("Cách tính"), how)]
    how = _("%(how)s, quy định tại %(ref)s") % {"how": minimum.computation, "ref": reference}
    if support.amount > minimum.amount:
        how = _("cao hơn mức tối thiểu %(min)s đồng (%(how)s)") % {
            "min": vnd(minimum.amount, symbol=False),
            "how": how,
        }
    return [(_("Mức hỗ trợ"), amount_text(support.amount)), (_("Cách tính"), how)]


def payroll_month(support: Support) -> date:
    """The month of the payroll that pays the support: the one listing it, else the first
    month from the decision whose payroll is not approved yet."""
    listed = (
        PayrollLine.objects.filter(support=support)
        .order_by("-payroll__month")
        .values_list("payroll__month", flat=True)
        .first()
    )
    if listed:
        return listed
    month = next_month(month_start(support.decided_on or timezone.localdate()))
    frozen = set(
        Payroll.objects.filter(ward_id=support.ward_id, month__gte=month)
        .exclude(status=Payroll.Status.DRAFT)
        .values_list("month", flat=True)
    )
    while month in frozen:
        month = next_month(month)
    return month


def _article2(support: Support, who: str) -> str:
    ward = unit_in_text(support.ward.name)
    funding = support.benefit_type.get_funding_display()
    if support.benefit_type.code == RICE:
        text = _("Số gạo tại Điều 1 được cấp trực tiếp cho %(who)s tại Ủy ban nhân dân %(ward)s.")
    elif support.payment == Support.Payment.SPOT:
        text = _(
            "Số tiền tại Điều 1 được chi trực tiếp bằng tiền mặt cho %(who)s tại Ủy ban nhân "
            "dân %(ward)s."
        )
    else:
        text = _(
            "Số tiền tại Điều 1 được chi trả qua đơn vị cung ứng dịch vụ chi trả, trong bảng chi "
            "trả trợ giúp xã hội tháng %(m)s của %(ward)s."
        )
    receiver = support.receiver_name or who
    said = text % {"who": receiver, "ward": ward, "m": f"{payroll_month(support):%m/%Y}"}
    return f"{said} {_('Nguồn kinh phí: %(f)s.') % {'f': str(funding).lower()}}"


def _article3(support: Support, who: str) -> str:
    executors = [
        _("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân %(ward)s")
        % {"ward": unit_in_text(support.ward.name)},
        _("công chức Văn hóa – Xã hội"),
    ]
    if support.payment == Support.Payment.PAYROLL and support.benefit_type.code != RICE:
        executors.append(_("đơn vị cung ứng dịch vụ chi trả"))
    group = support.household.residential_group
    if group:
        executors.append(_("Trưởng %(group)s") % {"group": group_in_text(group)})
    concerned = _("%(who)s có tên tại Điều 1") % {"who": who}
    if support.benefit_type.code in FUNERALS:
        concerned = _("gia đình %(who)s") % {"who": concerned}
    return _(
        "Quyết định này có hiệu lực kể từ ngày ký. %(executors)s và %(concerned)s chịu trách "
        "nhiệm thi hành Quyết định này."
    ) % {"executors": ", ".join(executors), "concerned": concerned}


def support_decision_context(support: Support) -> dict:
    """Everything beneficiaries/docs/decision.html prints for a one-off support."""
    day = support.decided_on or support.event_on
    person = support.person or _recipient(support)
    who = _who(support, person, day)
    what = str(WHAT.get(support.benefit_type.code, support.benefit_type.name.lower()))
    minimum = rate_minimum(
        support.rate, support.ward, support.event_on, persons=support.persons, months=support.months
    )
    number, symbol = split_number(support.decision_number)
    ward = unit_in_text(support.ward.name)
    return {
        "title": _("Quyết định số %(n)s – %(ward)s")
        % {"n": support.decision_number or "…", "ward": support.ward.name},
        "author": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": ward},
        "landscape": False,
        "letterhead": Letterhead(
            issuing_body=(_("Ủy ban nhân dân"), support.ward.name),
            symbol=symbol,
            number=number,
            place_date=place_and_date(support.ward.name, support.decided_on, year=day.year),
        ),
        "type_name": _("Quyết định"),
        "summary": _("Về việc %(what)s cho %(who)s") % {"what": what, "who": who},
        "authority": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": support.ward.name},
        "basis": basis(False),
        "lead": _("%(what)s đối với %(who)s như sau:")
        % {"what": what[0].upper() + what[1:], "who": who},
        "details": [
            (label, str(v).rstrip(" .;")) for label, v in _details(support, person, minimum)
        ],
        "article2": _article2(support, who),
        "article3": _article3(support, who),
        "signers": [chair_signer(support.signer)],
        "recipients": Recipients(
            lines=(_("Như Điều 3"), _("CT, các PCT UBND %(ward)s") % {"ward": ward}),
            archive=_("VT, VHXH"),
        ),
        "support": support,
    }


def support_decision_filename(support: Support) -> str:
    number = support.decision_number.replace("/", " ")
    name = (support.person or _recipient(support)).full_name
    return ascii_filename(f"quyet dinh ho tro {name} {number}", "pdf")
