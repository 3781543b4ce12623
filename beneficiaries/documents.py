"""Printable documents of social-assistance cases: the draft decision (QUYẾT ĐỊNH, ND 30/2020
Phụ lục III Mẫu 1.2) that grants, adjusts or ends a case, and the list of beneficiaries by
category as .xlsx.

Since 01/7/2025 the ward chair decides (ND 147/2025 Điều 5; ND 176/2025 for the social
pension), so a decision is the ward chair's, numbered in the ward's yearly sequence.
Public lists never show HIV status (ND 20/2021 Điều 8 khoản 1b): K3 and K8 are named by
their code and "Đối tượng theo quy định" only, on the decision as on the list.
"""

import io
import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from areas.models import Area, Level
from areas.names import clean_name, search_key
from areas.scope import ward_q
from households.models import HouseholdStatus
from ui.documents import (
    XLSX_CONTENT_TYPE,
    Letterhead,
    Recipients,
    Signer,
    ascii_filename,
    document_response,
    file_response,
    place_and_date,
    unit_in_text,
)
from ui.spreadsheets import xlsx_cell, xlsx_value

from . import rules
from .models import Benefit, Case, CaseEvent, CaseStatus, Category, EventKind, TerminationReason
from .queries import RuleData, case_facts, get_case_for_user, rule_data

DECISION_KINDS = (EventKind.GRANTED, EventKind.ADJUSTED, EventKind.TERMINATED)
PRIVATE_GROUPS = ("K3", "K8")  # living with HIV/AIDS: never named on a list
PENSION_CODE = "HTXH"
PENSION_REFERENCE = "Điều 2 Nghị định 176/2025/NĐ-CP"


# Amounts and coefficients as a Vietnamese document writes them.


def money(amount: int) -> str:
    """1.250.000: thousands grouped with dots, whatever the reader's locale."""
    return f"{amount:,}".replace(",", ".")


def coefficient_text(coefficient: Decimal) -> str:
    """1,5 and 2,0: a decimal comma and at least one decimal, as ND 20/2021 Điều 6 writes."""
    text = f"{Decimal(coefficient).normalize():f}"
    return (text if "." in text else f"{text}.0").replace(".", ",")


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_SCALES = ("", "nghìn", "triệu", "tỷ", "nghìn tỷ")


def _tens_units(tens: int, units: int, *, after_hundreds: bool) -> list[str]:
    if tens == 0:
        if not units:
            return []
        return ["linh", _DIGITS[units]] if after_hundreds else [_DIGITS[units]]
    words = ["mười"] if tens == 1 else [_DIGITS[tens], "mươi"]
    if units == 1 and tens > 1:
        return [*words, "mốt"]
    if units == 5:
        return [*words, "lăm"]
    return [*words, _DIGITS[units]] if units else words


def _hundreds(n: int, *, inner: bool) -> list[str]:
    """Words for 0 < n < 1000; an inner group (one follows a higher group) says its
    hundreds even when zero: 1.050.000 is "một triệu không trăm năm mươi nghìn"."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    words = [_DIGITS[hundreds], "trăm"] if hundreds or inner else []
    return words + _tens_units(tens, units, after_hundreds=bool(words))


def amount_in_words(amount: int) -> str:
    """ "Một triệu hai trăm năm mươi nghìn đồng" for 1250000."""
    if amount == 0:
        return "Không đồng"
    groups = []
    while amount:
        groups.append(amount % 1000)
        amount //= 1000
    words: list[str] = []
    for scale in range(len(groups) - 1, -1, -1):
        if groups[scale]:
            words += _hundreds(groups[scale], inner=bool(words))
            words += [_SCALES[scale]] if _SCALES[scale] else []
    text = " ".join(words)
    return f"{text[0].upper()}{text[1:]} đồng"


def month_text(month: date) -> str:
    """ "tháng 8 năm 2025", "tháng 01 năm 2026" (months 1 and 2 with a zero, ND 30/2020)."""
    m = f"{month.month:02d}" if month.month <= 2 else str(month.month)
    return _("tháng %(m)s năm %(y)d") % {"m": m, "y": month.year}


def _in_text(reference: str) -> str:
    """ "Khoản 8 Điều 5 …" inside a sentence: "khoản 8 Điều 5 …"; "Điều" keeps its capital
    (ND 30/2020 Phụ lục II)."""
    if reference.startswith(("Khoản", "Điểm")):
        return reference[:1].lower() + reference[1:]
    return reference


def category_label(rule: rules.CategoryRule) -> str:
    return _("Đối tượng theo quy định") if rule.group in PRIVATE_GROUPS else rule.name


# What a case is paid in a month, as a decision or the list states it.


@dataclass(frozen=True)
class Terms:
    code: str  # "K5a.2", "K5a.1 + K4", "HTXH"; "" when no category applies
    label: str  # the category's name, hidden for K3/K8
    legal_reference: str
    coefficient: Decimal | None  # None for the social pension
    standard_level: int | None
    amount: int
    order: int = 0  # the category's place in the list


def _category(data: RuleData, code: str, month: date) -> rules.CategoryRule | None:
    versions = [r for r in data.categories if r.code == code]
    current = [r for r in versions if rules.covers(r, month)]
    return max(current or versions, key=lambda r: r.valid_from, default=None)


def case_terms(
    case: Case, month: date, data: RuleData, *, household: str | None = None, codes=()
) -> Terms:
    """The categories, coefficient and amount of the month; codes (as a grant recorded
    them) fix the categories, so a decision printed again states what was decided."""
    facts = case_facts(case, month, household=household)
    result = rules.month_amount(
        facts,
        month,
        categories=data.categories,
        standard_levels=data.standard_levels,
        pension_rule=data.pension_rule,
        pensions=data.pensions,
        pension_wins_tie=settings.SOCIAL_PENSION_WINS_TIE,
    )
    if case.benefit == Benefit.PENSION:
        national = rules.in_force([r for r in data.pensions if not r.provincial], month)
        return Terms(
            code=PENSION_CODE,
            label=_pension_ground(facts, month, data),
            legal_reference=national.legal_reference if national else PENSION_REFERENCE,
            coefficient=None,
            standard_level=None,
            amount=result.pension if result.pension_eligible else 0,
            order=10_000,
        )
    paid = [r for r in (_category(data, c, month) for c in codes) if r] or result.paid
    if not paid:
        return Terms("", _("Chưa thuộc nhóm nào trong tháng"), "", None, None, 0, 20_000)
    coefficient = sum((rules.coefficient_of(r, facts) for r in paid), Decimal(0))
    level = rules.in_force(data.standard_levels, month)
    return Terms(
        code=" + ".join(r.code for r in paid),
        label=" + ".join(category_label(r) for r in paid),
        legal_reference="; ".join(_in_text(r.legal_reference) for r in paid),
        coefficient=coefficient,
        standard_level=level.amount if level else None,
        amount=int(level.amount * coefficient) if level else 0,
    )


def _pension_ground(facts: rules.Facts, month: date, data: RuleData) -> str:
    rule = data.pension_rule
    if rule and facts.birth_date:
        age = rules.age_on(facts.birth_date, rules.month_end(month))
        if age < rule.age_from:
            return _("Người từ đủ %(a)d tuổi đến dưới %(b)d tuổi thuộc hộ nghèo, hộ cận nghèo") % {
                "a": rule.poor_age_from,
                "b": rule.age_from,
            }
    return _("Người từ đủ %(b)d tuổi trở lên") % {"b": rule.age_from if rule else 75}


# The decision.

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

_DEPUTY_RE = re.compile(r"^(kt\.?\s*chu tich\s*[-–,/]?\s*)?(pho chu tich|pct)\b[\s.,:–-]*")
_CHAIR_RE = re.compile(r"^(chu tich|ct)\b[\s.,:–-]*")


def decision_signer(text: str) -> Signer:
    """The signature block from the signer as recorded: "Phó Chủ tịch Lê Văn B" (or "PCT
    …") signs "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", anyone else "CHỦ TỊCH" (Mẫu 1.2)."""
    name = clean_name(text)
    key = search_key(name)  # as long as the name: one letter for one letter
    deputy = _DEPUTY_RE.match(key)
    if deputy:
        return Signer(
            authority=_("KT. Chủ tịch"), title=_("Phó Chủ tịch"), name=name[deputy.end() :]
        )
    chair = _CHAIR_RE.match(key)
    return Signer(title=_("Chủ tịch"), name=name[chair.end() :] if chair else name)


def _is_child(person, day: date) -> bool:
    return bool(person.birth_date) and rules.age_on(person.birth_date, day) < 16


def _honorific(person, day: date) -> str:
    """ "ông", "bà" or "cháu" (under 16), written in lower case inside a sentence."""
    if _is_child(person, day):
        return _("cháu")
    return _("ông") if person.sex == "male" else _("bà")


def _address(case: Case) -> str:
    household = case.person.household
    parts = [household.address]
    if household.residential_group_id:
        parts.append(household.residential_group.name)
    parts.append(unit_in_text(case.ward.name))
    if case.ward.parent_id:
        parts.append(unit_in_text(case.ward.parent.name))
    kept: list[str] = []
    for part in filter(None, parts):
        if search_key(part) not in search_key(", ".join(kept)):
            kept.append(part)
    return ", ".join(kept)


def _earlier_decision(event: CaseEvent) -> CaseEvent | None:
    return (
        event.case.events.filter(kind__in=(EventKind.GRANTED, EventKind.ADJUSTED), pk__lt=event.pk)
        .exclude(decision_number="")
        .order_by("-pk")
        .first()
    )


def _split_number(number: str) -> tuple[str, str]:
    """ "05/QĐ-UBND" as the number and the symbol the letterhead prints after "Số:"."""
    head, slash, symbol = number.partition("/")
    return (head, symbol) if slash else (number, "QĐ-UBND")


def decision_context(event: CaseEvent) -> dict:
    """Everything decision.html prints for a grant, adjustment or termination."""
    case, person = event.case, event.case.person
    ward = unit_in_text(case.ward.name)
    pension = case.benefit == Benefit.PENSION
    what = _("trợ cấp hưu trí xã hội") if pension else _("trợ cấp xã hội hằng tháng")
    day = event.decision_date or event.happened_on
    month = event.effective_month or rules.month_start(day)
    data = rule_data(case.ward.parent_id)
    honorific = _honorific(person, day)
    earlier = _earlier_decision(event)
    number, symbol = _split_number(event.decision_number)

    if event.kind == EventKind.TERMINATED:
        # What was paid until now: the last month before payment stops.
        last = rules.month_start(date.fromordinal(month.toordinal() - 1))
        terms = case_terms(case, max(last, case.start_month or last), data)
    else:
        codes = [c.strip() for c in event.category.split(",") if c.strip()]
        terms = case_terms(case, month, data, codes=codes)

    details = [
        (_("Họ và tên"), person.full_name),
        (
            _("Ngày, tháng, năm sinh"),
            _("%(birth)s; giới tính: %(sex)s")
            % {"birth": person.birth_display, "sex": person.get_sex_display().lower()},
        ),
        (_("Số định danh cá nhân"), person.national_id or person.legacy_id),
        (_("Nơi cư trú"), _address(case)),
    ]
    if not terms.legal_reference:
        ground = terms.label
    elif terms.label == _("Đối tượng theo quy định"):  # K3, K8: the article, not the words
        ground = _("Đối tượng quy định tại %(ref)s") % {"ref": terms.legal_reference}
    else:
        ground = _("%(label)s (quy định tại %(ref)s)") % {
            "label": terms.label,
            "ref": terms.legal_reference,
        }
    details.append((_("Thuộc đối tượng"), ground))
    amount = _("%(amount)s đồng (Bằng chữ: %(words)s)") % {
        "amount": money(terms.amount),
        "words": amount_in_words(terms.amount),
    }
    if terms.coefficient is not None:
        details.append(
            (
                _("Hệ số"),
                _("%(c)s; mức chuẩn trợ giúp xã hội %(level)s đồng")
                % {
                    "c": coefficient_text(terms.coefficient),
                    "level": money(terms.standard_level or 0),
                },
            )
        )
    earlier_text = (
        _("Quyết định số %(n)s ngày %(d)s")
        % {
            "n": earlier.decision_number,
            "d": f"{earlier.decision_date:%d/%m/%Y}" if earlier.decision_date else "",
        }
        if earlier
        else ""
    )
    if event.kind == EventKind.GRANTED:
        summary = _("Về việc hưởng %(what)s") if pension else _("Về việc %(what)s")
        lead = (
            _("Trợ cấp hưu trí xã hội đối với:")
            if pension
            else _("Trợ cấp xã hội hằng tháng đối với:")
        )
        details += [
            (_("Mức trợ cấp hằng tháng"), amount),
            (_("Thời điểm hưởng"), _("từ %(m)s") % {"m": month_text(month)}),
        ]
        article2 = (
            _(
                "%(h)s %(name)s được hưởng chế độ bảo hiểm y tế theo quy định; trợ cấp hưu "
                "trí xã hội được chi trả hằng tháng qua đơn vị cung ứng dịch vụ chi trả."
            )
            if pension
            else _(
                "%(h)s %(name)s được cấp thẻ bảo hiểm y tế theo quy định (Điều 9 Nghị định số "
                "20/2021/NĐ-CP); trợ cấp được chi trả hằng tháng qua đơn vị cung ứng dịch vụ "
                "chi trả, truy lĩnh những tháng chưa nhận kể từ tháng được hưởng (nếu có)."
            )
        ) % {"h": honorific.capitalize(), "name": person.full_name}
    elif event.kind == EventKind.ADJUSTED:
        summary = _("Về việc điều chỉnh %(what)s")
        lead = _("Điều chỉnh %(what)s đối với:") % {"what": what}
        if event.note:
            details.append((_("Lý do điều chỉnh"), event.note))
        details += [
            (_("Mức trợ cấp hằng tháng sau điều chỉnh"), amount),
            (_("Thời điểm áp dụng"), _("từ %(m)s") % {"m": month_text(month)}),
        ]
        article2 = _(
            "Đơn vị cung ứng dịch vụ chi trả thực hiện chi trả theo mức điều chỉnh tại Điều 1 "
            "kể từ %(m)s; các nội dung khác%(earlier)s giữ nguyên."
        ) % {
            "m": month_text(month),
            "earlier": _(" của %(d)s") % {"d": earlier_text} if earlier_text else "",
        }
    else:
        summary = _("Về việc thôi hưởng %(what)s")
        lead = _("Thôi hưởng %(what)s đối với:") % {"what": what}
        reason = event.get_reason_display()
        if event.note:
            reason = f"{reason} ({event.note})" if reason else event.note
        details += [
            (_("Mức đang hưởng"), amount),
            (_("Lý do thôi hưởng"), reason),
            (_("Thời điểm thôi hưởng"), _("từ %(m)s") % {"m": month_text(month)}),
        ]
        article2 = _(
            "Đơn vị cung ứng dịch vụ chi trả dừng chi trả %(what)s đối với %(h)s %(name)s "
            "kể từ %(m)s; công chức Văn hóa – Xã hội điều chỉnh danh sách cấp thẻ bảo hiểm y "
            "tế theo quy định."
        ) % {"what": what, "h": honorific, "name": person.full_name, "m": month_text(month)}
        if event.reason == TerminationReason.DEATH:
            article2 += " " + _(
                "Cơ quan, tổ chức, cá nhân tổ chức mai táng được hỗ trợ chi phí mai táng "
                "theo quy định (Điều 11 Nghị định số 20/2021/NĐ-CP)."
            )
    if earlier_text and event.kind != EventKind.GRANTED:
        details.insert(4, (_("Đang hưởng theo"), earlier_text))

    group = case.person.household.residential_group
    executors = [
        _("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân %(ward)s") % {"ward": ward},
        _("công chức Văn hóa – Xã hội"),
        _("đơn vị cung ứng dịch vụ chi trả"),
    ]
    if group:
        executors.append(_("Trưởng %(group)s") % {"group": group.name})
    concerned = _("%(h)s có tên tại Điều 1") % {"h": honorific}
    if event.reason == TerminationReason.DEATH:
        concerned = _("gia đình %(who)s") % {"who": concerned}
    elif _is_child(person, day):
        concerned = _("người giám hộ của %(who)s") % {"who": concerned}
    article3 = _(
        "Quyết định này có hiệu lực kể từ ngày ký. %(executors)s và %(concerned)s chịu trách "
        "nhiệm thi hành Quyết định này."
    ) % {"executors": ", ".join(executors), "concerned": concerned}
    article3 = article3[0].upper() + article3[1:]

    basis = [LOCAL_GOVERNMENT_LAW, *(PENSION_BASIS if pension else ALLOWANCE_BASIS), PROPOSAL]
    return {
        "title": _("Quyết định số %(n)s – %(ward)s")
        % {"n": event.decision_number or "…", "ward": case.ward.name},
        "author": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": ward},
        "landscape": False,
        "letterhead": Letterhead(
            issuing_body=(_("Ủy ban nhân dân"), case.ward.name),
            symbol=symbol,
            number=number,
            place_date=place_and_date(case.ward.name, event.decision_date, year=day.year),
        ),
        "type_name": _("Quyết định"),
        "summary": summary % {"what": what},
        "authority": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": case.ward.name},
        "basis": [f"{line}{'.' if n == len(basis) else ';'}" for n, line in enumerate(basis, 1)],
        "lead": lead,
        "details": [(label, str(value).rstrip(" .;")) for label, value in details],
        "article2": article2,
        "article3": article3,
        "signers": [decision_signer(event.signer)],
        "recipients": Recipients(
            lines=(_("Như Điều 3"), _("CT, các PCT UBND %(ward)s") % {"ward": ward}),
            archive=_("VT, VHXH"),
        ),
        "event": event,
        "terms": terms,
    }


def get_decision_for_user(user, pk: int) -> CaseEvent:
    """A decision event of a case in the user's scope; 404 for anything else."""
    case_id = get_object_or_404(
        CaseEvent.objects.filter(kind__in=DECISION_KINDS).values_list("case_id", flat=True),
        pk=pk,
    )
    case = get_case_for_user(user, case_id)
    event = case.events.get(pk=pk)
    event.case = case
    return event


def decision_filename(event: CaseEvent) -> str:
    kind = {EventKind.GRANTED: "huong", EventKind.ADJUSTED: "dieu chinh"}.get(event.kind, "thoi")
    number = event.decision_number.replace("/", " ")
    return ascii_filename(f"quyet dinh {kind} {event.case.person.full_name} {number}", "pdf")


@login_required
@require_GET
def decision_pdf_view(request, event_pk):
    event = get_decision_for_user(request.user, event_pk)
    with translation.override("vi"):  # an administrative document is Vietnamese
        context = decision_context(event)
        template = "beneficiaries/docs/decision.html"
        return document_response(request, template, context, decision_filename(event))


# The list of beneficiaries by category.


@dataclass(frozen=True)
class ListRow:
    terms: Terms
    name: str
    birth: date | str | None
    national_id: str
    household_code: str
    ward: str
    start_month: date | None
    sort_name: str


def beneficiary_rows(user, *, month: date, ward: Area | None = None) -> list[ListRow]:
    """Every active case in scope (or of the ward) with what it pays in the month, by
    category, then ward, then name."""
    cases = Case.objects.visible_to(user).filter(status=CaseStatus.ACTIVE)
    if ward is not None:
        cases = cases.filter(ward=ward)
    cases = list(cases.select_related("person__household", "ward"))
    statuses: dict[int, str] = {}
    held = (
        HouseholdStatus.objects.visible_to(user)
        .filter(
            household_id__in={c.person.household_id for c in cases},
            valid_from__lte=rules.month_end(month),
        )
        .order_by("household_id", "valid_from", "pk")
        .values_list("household_id", "classification")
    )
    for household_id, classification in held:
        statuses[household_id] = classification  # the latest in force wins
    orders = dict(Category.objects.values_list("code", "order"))
    data: dict[int | None, RuleData] = {}
    rows = []
    for case in cases:
        province = case.ward.parent_id
        if province not in data:
            data[province] = rule_data(province)
        terms = case_terms(
            case, month, data[province], household=statuses.get(case.person.household_id, "")
        )
        if case.start_month is None or case.start_month > month:
            terms = replace(terms, amount=0)
        if terms.code and terms.code != PENSION_CODE:
            terms = replace(terms, order=orders.get(terms.code.split(" ")[0], 0))
        person = case.person
        rows.append(
            ListRow(
                terms=terms,
                name=person.full_name,
                birth=str(person.birth_date.year)
                if person.birth_year_only and person.birth_date
                else person.birth_date,
                national_id=person.national_id or person.legacy_id,
                household_code=person.household.code,
                ward=case.ward.name,
                start_month=case.start_month,
                sort_name=f"{case.ward.name}\n{person.search_name}\n{case.pk:09d}",
            )
        )
    rows.sort(key=lambda r: (r.terms.order, r.terms.code, r.sort_name))
    return rows


LIST_WIDTHS = (6, 12, 40, 26, 12, 16, 12, 22, 11, 8, 16)


def beneficiaries_workbook(rows: list[ListRow], *, month: date, scope: str) -> bytes:
    """The list as one sheet: a block per category closed by its total, then the total."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Danh sách đối tượng"))
    for n, width in enumerate(LIST_WIDTHS):
        sheet.column_dimensions["ABCDEFGHIJK"[n]].width = width
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    title = _("Danh sách đối tượng hưởng trợ cấp xã hội hằng tháng, trợ cấp hưu trí xã hội")
    for line in (title.upper(), scope, month_text(month).capitalize()):
        sheet.append([xlsx_cell(sheet, line, font=bold)])
    sheet.append([])
    headers = [
        _("STT"),
        _("Mã nhóm"),
        _("Nhóm đối tượng"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Số định danh cá nhân"),
        _("Mã hộ"),
        _("Xã, phường"),
        _("Hưởng từ tháng"),
        _("Hệ số"),
        _("Mức trợ cấp %(m)s (đồng)") % {"m": f"{month:%m/%Y}"},
    ]
    sheet.append([xlsx_cell(sheet, h, font=bold, alignment=wrap) for h in headers])

    def total(label: str, count: int, amount: int, code: str = "") -> None:
        people = _("%(n)d người") % {"n": count}
        cells = [None, code or None, label, people, *[None] * 6, amount]
        sheet.append(
            [
                None if v is None else xlsx_cell(sheet, v, font=bold, number_format="#,##0")
                for v in cells
            ]
        )

    count, group, group_amount = 0, [], 0
    for n, row in enumerate(rows, 1):
        terms = row.terms
        values = [
            n,
            terms.code,
            terms.label,
            row.name,
            row.birth,
            row.national_id,
            row.household_code,
            row.ward,
        ]
        cells = [None if v in (None, "") else xlsx_value(sheet, v) for v in values]
        if isinstance(row.birth, date):
            cells[4] = xlsx_cell(sheet, row.birth)
        cells.append(
            xlsx_cell(sheet, row.start_month, number_format="MM/YYYY") if row.start_month else None
        )
        cells.append(
            xlsx_cell(sheet, terms.coefficient, number_format="0.0#")
            if terms.coefficient is not None
            else None
        )
        cells.append(xlsx_cell(sheet, terms.amount, number_format="#,##0"))
        sheet.append(cells)
        group.append(row)
        group_amount += terms.amount
        following = rows[n] if n < len(rows) else None
        if following is None or following.terms.code != terms.code:
            total(
                _("Cộng nhóm %(code)s") % {"code": terms.code or "—"},
                len(group),
                group_amount,
                terms.code,
            )
            count += len(group)
            group, group_amount = [], 0
    total(_("Tổng cộng"), count, sum(r.terms.amount for r in rows))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _ward_param(user, raw: str | None) -> Area | None:
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    wards = Area.objects.filter(ward_q(user, "pk"), level=Level.WARD)
    return get_object_or_404(wards, pk=int(raw))


def _month_param(raw: str | None) -> date:
    if not raw:
        return rules.month_start(timezone.localdate())
    match = re.fullmatch(r"(\d{4})-(\d{2})", raw)
    if not match or not 1 <= int(match[2]) <= 12:
        raise Http404
    return date(int(match[1]), int(match[2]), 1)


@login_required
@require_GET
def beneficiaries_xlsx_view(request):
    """?ward=<id> for one ward (404 outside the user's scope), else every ward in scope;
    ?month=YYYY-MM for another month than this one."""
    ward = _ward_param(request.user, request.GET.get("ward"))
    month = _month_param(request.GET.get("month"))
    with translation.override("vi"):
        rows = beneficiary_rows(request.user, month=month, ward=ward)
        wards = sorted({r.ward for r in rows})
        scope = ward.name if ward else (wards[0] if len(wards) == 1 else _("Các xã, phường"))
        content = beneficiaries_workbook(rows, month=month, scope=scope)
    name = ascii_filename(f"danh sach doi tuong tro cap {scope} {month:%Y-%m}", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)
