"""What every decision of a case prints, whatever its kind: the legal basis, the signer,
the person's lines, the amount, the earlier decision and Article 3."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.wording import group_in_text
from ui.documents import address_text, unit_in_text
from vn.dates import age_on
from vn.money import amount_in_words, vnd
from vn.numbers import coefficient_text

from ...models import Case, CaseEvent, TerminationReason
from ..wording import Terms

# Căn cứ lines of Mẫu 1.2, laws before decrees. Dates only where the text was checked
# (ND 20/2021: DOMAIN.md §5; ND 147/2025: its own header); the law is named by its year,
# as ND 147/2025 itself cites it.
LOCAL_GOVERNMENT_LAW = gettext_lazy("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025")
ALLOWANCE_BASIS = (
    gettext_lazy(
        "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định "
        "chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội"
    ),
    gettext_lazy(
        "Căn cứ Nghị định số 76/2024/NĐ-CP của Chính phủ sửa đổi, bổ sung một số điều của "
        "Nghị định số 20/2021/NĐ-CP"
    ),
    gettext_lazy(
        "Căn cứ Nghị định số 147/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ quy định "
        "về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà "
        "nước của Bộ Y tế"
    ),
)
PENSION_BASIS = (
    gettext_lazy("Căn cứ Luật Bảo hiểm xã hội năm 2024"),
    gettext_lazy(
        "Căn cứ Nghị định số 176/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của "
        "Luật Bảo hiểm xã hội về trợ cấp hưu trí xã hội"
    ),
)
PROPOSAL = gettext_lazy("Xét đề nghị của công chức Văn hóa – Xã hội")

# Where "Đang hưởng theo" goes among the details: after the person's four lines.
EARLIER_LINE = 4


@dataclass(frozen=True)
class Draft:
    """What a decision's kind writes its articles from."""

    event: CaseEvent
    case: Case
    pension: bool
    what: str  # "trợ cấp xã hội hằng tháng" or "trợ cấp hưu trí xã hội"
    month: date  # the month the decision takes effect
    honorific: str
    amount: str  # "750.000 đồng (Bằng chữ: …)"
    earlier: str  # "Quyết định số … ngày …", or ""
    details: list  # the person's lines, the ground and the coefficient


@dataclass(frozen=True)
class Articles:
    """What differs between a grant, an adjustment and a termination."""

    summary: str  # "Về việc …" with %(what)s still to fill
    lead: str
    details: list
    article2: str


def is_child(person, day: date) -> bool:
    return bool(person.birth_date) and age_on(person.birth_date, day) < 16


def honorific(person, day: date) -> str:
    """ "ông", "bà" or "cháu" (under 16), written in lower case inside a sentence."""
    if is_child(person, day):
        return _("cháu")
    return _("ông") if person.sex == "male" else _("bà")


def address(case: Case) -> str:
    household = case.person.household
    parts = [household.address]
    if household.residential_group_id:
        parts.append(household.residential_group.name)
    parts.append(unit_in_text(case.ward.name))
    if case.ward.parent_id:
        parts.append(unit_in_text(case.ward.parent.name))
    return address_text(parts)


def basis(pension: bool) -> list[str]:
    """The Căn cứ lines, each closed by ";" and the last by "."."""
    lines = [LOCAL_GOVERNMENT_LAW, *(PENSION_BASIS if pension else ALLOWANCE_BASIS), PROPOSAL]
    return [f"{line}{'.' if n == len(lines) else ';'}" for n, line in enumerate(lines, 1)]


def person_details(case: Case, terms: Terms) -> list[tuple[str, str]]:
    """The person's lines, the ground of the benefit and the coefficient (Điều 1)."""
    person = case.person
    details = [
        (_("Họ và tên"), person.full_name),
        (
            _("Ngày, tháng, năm sinh"),
            _("%(birth)s; giới tính: %(sex)s")
            % {"birth": person.birth_display, "sex": person.get_sex_display().lower()},
        ),
        (_("Số định danh cá nhân"), person.national_id or person.legacy_id),
        (_("Nơi cư trú"), address(case)),
        (_("Thuộc đối tượng"), _ground(terms)),
    ]
    if terms.coefficient is not None:
        details.append(
            (
                _("Hệ số"),
                _("%(c)s; mức chuẩn trợ giúp xã hội %(level)s đồng")
                % {
                    "c": coefficient_text(terms.coefficient),
                    "level": vnd(terms.standard_level or 0, symbol=False),
                },
            )
        )
    return details


def _ground(terms: Terms) -> str:
    if not terms.legal_reference:
        return terms.label
    if terms.label == _("Đối tượng theo quy định"):  # K3, K8: the article, not the words
        return _("Đối tượng quy định tại %(ref)s") % {"ref": terms.legal_reference}
    return _("%(label)s (quy định tại %(ref)s)") % {
        "label": terms.label,
        "ref": terms.legal_reference,
    }


def amount_text(amount: int) -> str:
    return _("%(amount)s đồng (Bằng chữ: %(words)s)") % {
        "amount": vnd(amount, symbol=False),
        "words": amount_in_words(amount),
    }


def earlier_text(earlier: CaseEvent | None) -> str:
    if earlier is None:
        return ""
    return _("Quyết định số %(n)s ngày %(d)s") % {
        "n": earlier.decision_number,
        "d": f"{earlier.decision_date:%d/%m/%Y}" if earlier.decision_date else "",
    }


def with_earlier(draft: Draft) -> list:
    """The details with the decision the case is paid under now, for a later decision."""
    details = list(draft.details)
    if draft.earlier:
        details.insert(EARLIER_LINE, (_("Đang hưởng theo"), draft.earlier))
    return details


def article3(draft: Draft, day: date) -> str:
    """Who carries the decision out: the ward's office, its officer, the payer, the
    residential group's head, and the person (their family after a death, the guardian
    of a child)."""
    case, event = draft.case, draft.event
    executors = [
        _("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân %(ward)s")
        % {"ward": unit_in_text(case.ward.name)},
        _("công chức Văn hóa – Xã hội"),
        _("đơn vị cung ứng dịch vụ chi trả"),
    ]
    group = case.person.household.residential_group
    if group:
        executors.append(_("Trưởng %(group)s") % {"group": group_in_text(group)})
    concerned = _("%(h)s có tên tại Điều 1") % {"h": draft.honorific}
    if event.reason == TerminationReason.DEATH:
        concerned = _("gia đình %(who)s") % {"who": concerned}
    elif is_child(case.person, day):
        concerned = _("người giám hộ của %(who)s") % {"who": concerned}
    text = _(
        "Quyết định này có hiệu lực kể từ ngày ký. %(executors)s và %(concerned)s chịu trách "
        "nhiệm thi hành Quyết định này."
    ) % {"executors": ", ".join(executors), "concerned": concerned}
    return text[0].upper() + text[1:]
