"""The draft decision (QUYẾT ĐỊNH, ND 30/2020 Phụ lục III Mẫu 1.2) that grants, adjusts or
ends a case, as PDF. Since 01/7/2025 the ward chair decides (ND 147/2025 Điều 5; ND 176/2025
for the social pension); decisions are numbered in the ward's yearly sequence.
"""

import re
from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from areas.names import clean_name, search_key
from ui.documents import (
    Letterhead,
    Recipients,
    Signer,
    ascii_filename,
    document_response,
    place_and_date,
    unit_in_text,
)

from . import rules
from .models import Benefit, Case, CaseEvent, EventKind, TerminationReason
from .queries import get_case_for_user, rule_data
from .wording import (
    DECISION_KINDS,
    amount_in_words,
    case_terms,
    coefficient_text,
    money,
    month_text,
)

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
