"""The draft decision (QUYẾT ĐỊNH, ND 30/2020 Phụ lục III Mẫu 1.2) that grants, adjusts or
ends a case, one module per kind. Since 01/7/2025 the ward chair decides (ND 147/2025
Điều 5; ND 176/2025 for the social pension); decisions are numbered in the ward's yearly
sequence.
"""

from datetime import date

from django.utils.translation import gettext as _

from ui.documents import (
    Letterhead,
    Recipients,
    ascii_filename,
    chair_signer,
    place_and_date,
    split_number,
    unit_in_text,
)
from vn.dates import month_start

from ...models import Benefit, Case, CaseEvent, EventKind
from ...queries import case_facts, earlier_decision, rule_data
from ..wording import Terms, month_terms
from .adjust import adjust_articles
from .grant import grant_articles
from .parts import (
    Draft,
    amount_text,
    article3,
    basis,
    earlier_text,
    honorific,
    person_details,
)
from .terminate import terminate_articles

ARTICLES = {
    EventKind.GRANTED: grant_articles,
    EventKind.ADJUSTED: adjust_articles,
    EventKind.TERMINATED: terminate_articles,
}

__all__ = ["decision_context", "decision_filename"]


def decided_terms(event: CaseEvent, month: date) -> Terms:
    """What the decision states the case is paid: for a grant or an adjustment, the
    categories it recorded in its month; for a termination, what was paid until now."""
    case = event.case
    codes = ()
    if event.kind == EventKind.TERMINATED:
        last = month_start(date.fromordinal(month.toordinal() - 1))
        month = max(last, case.start_month or last)
    else:
        codes = [c.strip() for c in event.category.split(",") if c.strip()]
    data = rule_data(case.ward.parent_id)
    facts = case_facts(case, month)
    return month_terms(facts, month, data, benefit=case.benefit, codes=codes)


def decision_context(event: CaseEvent) -> dict:
    """Everything decision.html prints for a grant, adjustment or termination."""
    case: Case = event.case
    pension = case.benefit == Benefit.PENSION
    day = event.decision_date or event.happened_on
    month = event.effective_month or month_start(day)
    terms = decided_terms(event, month)
    draft = Draft(
        event=event,
        case=case,
        pension=pension,
        what=_("trợ cấp hưu trí xã hội") if pension else _("trợ cấp xã hội hằng tháng"),
        month=month,
        honorific=honorific(case.person, day),
        amount=amount_text(terms.amount),
        earlier=earlier_text(earlier_decision(event)),
        details=person_details(case, terms),
    )
    articles = ARTICLES[event.kind](draft)
    number, symbol = split_number(event.decision_number)
    ward = unit_in_text(case.ward.name)
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
        "summary": articles.summary % {"what": draft.what},
        "authority": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": case.ward.name},
        "basis": basis(pension),
        "lead": articles.lead,
        "details": [(label, str(value).rstrip(" .;")) for label, value in articles.details],
        "article2": articles.article2,
        "article3": article3(draft, day),
        "signers": [chair_signer(event.signer)],
        "recipients": Recipients(
            lines=(_("Như Điều 3"), _("CT, các PCT UBND %(ward)s") % {"ward": ward}),
            archive=_("VT, VHXH"),
        ),
        "event": event,
        "terms": terms,
    }


def decision_filename(event: CaseEvent) -> str:
    kind = {EventKind.GRANTED: "huong", EventKind.ADJUSTED: "dieu chinh"}.get(event.kind, "thoi")
    number = event.decision_number.replace("/", " ")
    return ascii_filename(f"quyet dinh {kind} {event.case.person.full_name} {number}", "pdf")
