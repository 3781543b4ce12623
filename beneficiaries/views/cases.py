"""The case page: its facts, timeline and monthly amounts, and the forms of the steps its
status allows (posted to views/steps.py)."""

from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from areas.scope import can_write_ward
from households.models import Classification
from households.queries.on_day import ClassificationTimeline
from vn.dates import age_on, month_start, months_since, next_month

from ..access import case_household, get_case_for_user, transfer_links
from ..forms import steps as step_forms
from ..forms.choices import DOCUMENT_LABELS, FLAG_LABELS
from ..forms.transfers import TransferOutForm
from ..models import Benefit, CaseStatus
from ..queries import case_schedule, rule_data
from ..services import proposed_start

# The schedule runs to two months ahead: the next payroll is drawn before the 25th
# (ND 20/2021 Điều 34 khoản 4).
MONTHS_AHEAD = 2


def month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


@login_required
@require_GET
def case_detail_view(request, pk):
    case = get_case_for_user(request.user, pk)
    return render_case_page(request, case)


def render_case_page(request, case, *, failed_name="", failed_form=None, status=200):
    """The case page; a step whose form failed shows that form with its error."""
    context = _page_context(request, case, failed_name, failed_form)
    return render(request, "beneficiaries/detail.html", context, status=status)


def _page_context(request, case, failed_name: str, failed_form) -> dict:
    today = timezone.localdate()
    can_write = can_write_ward(request.user, case.ward_id)
    forms = _action_forms(case, today) if can_write else {}
    if failed_name in forms:
        forms[failed_name] = failed_form
    person = case.person
    household = case_household(case)
    # A case that moved away shows the household it had here, as it was when it left.
    seen_on = case.moved_on - timedelta(days=1) if case.moved_on else today
    classification = ClassificationTimeline(person.pk).on(seen_on)
    referrals = list(case.referrals.order_by("closed", "follow_up_on", "pk"))
    closing = {}
    if can_write:
        closing = {
            r.pk: step_forms.ReferralCloseForm(referral=r) for r in referrals if not r.closed
        }
        if failed_name == "close" and failed_form.referral.pk in closing:
            closing[failed_form.referral.pk] = failed_form
    context = {
        "case": case,
        "person": person,
        "household": household,
        "age": age_on(person.birth_date, today) if person.birth_date else None,
        "classification": Classification(classification).label if classification else "",
        "flags": [FLAG_LABELS.get(f, f) for f in case.flags],
        "documents": [DOCUMENT_LABELS.get(d, d) for d in case.documents],
        "events": case.events.select_related("created_by"),
        "schedule": _schedule_rows(case, today),
        "notes": case.notes.select_related("created_by"),
        "referrals": [(r, closing.get(r.pk)) for r in referrals],
        "unpaid_months": months_since(case.unpaid_since, today) if case.unpaid_since else 0,
        "can_write": can_write,
        "forms": forms,
        "failed": failed_form,
        "proposal": None,
        "transfer": transfer_links(request.user, case),
    }
    if "grant" in forms:
        start, codes = proposed_start(case, today)
        context["proposal"] = {"start": start, "codes": codes}
    return context


def _action_forms(case, today) -> dict:
    """The steps the case's status allows, each with an empty form."""
    status = case.status
    forms = {}
    if status == CaseStatus.INTAKE:
        forms["screen"] = step_forms.ScreenForm(initial={"screened_on": today})
    if status == CaseStatus.SCREENING:
        forms["grant"] = step_forms.GrantForm(initial={"decided_on": today})
    if status in (CaseStatus.INTAKE, CaseStatus.SCREENING):
        forms["refuse"] = step_forms.RefuseForm(initial={"refused_on": today})
    if status == CaseStatus.ACTIVE:
        forms["adjust"] = step_forms.AdjustForm(
            initial={
                "flags": case.flags,
                "children_raised": case.children_raised,
                "pension_amount": case.pension_amount,
                "effective_month": month_start(today),
                "decided_on": today,
                "version": case.version,
            }
        )
        forms["suspend"] = step_forms.SuspendForm(initial={"on": today})
        forms["unpaid"] = step_forms.UnpaidForm(initial={"since": case.unpaid_since})
        if case.unpaid_since:
            forms["collected"] = step_forms.CollectedForm(initial={"on": today})
    if status == CaseStatus.SUSPENDED:
        forms["resume"] = step_forms.ResumeForm(initial={"on": today})
    if status in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED):
        forms["terminate"] = step_forms.TerminateForm(initial={"decided_on": today})
        forms["transfer_out"] = TransferOutForm(case=case, initial={"moved_on": today})
    if case.is_open and case.person.deceased_on is None:
        forms["death"] = step_forms.DeathForm(person=case.person)
    forms["note"] = step_forms.NoteForm(initial={"written_on": today})
    forms["referral"] = step_forms.ReferralForm(initial={"referred_on": today})
    return forms


def _schedule_rows(case, today) -> list[dict]:
    """Every month of the case to two months ahead, with what the rules give and why."""
    until = today
    for _i in range(MONTHS_AHEAD):
        until = next_month(month_start(until))
    data = rule_data(case.ward.parent_id)
    rows = []
    for item in case_schedule(case, until=until, data=data):
        result = item.result
        paid = {r.code for r in result.paid}
        references = data.references(result)
        rows.append(
            {
                "month": item.month,
                "current": item.month == month_start(today),
                "categories": [(r, r.code in paid) for r in result.applicable],
                "coefficient": result.coefficient.normalize(),  # 1.5, not 1.50
                "standard_level": result.standard_level,
                "allowance": result.allowance,
                "pension": result.pension,
                "pension_eligible": result.pension_eligible,
                "chosen": Benefit(result.chosen).label if result.chosen else "",
                "amount": result.amount,
                "due": item.due,
                "why": "" if item.due else _not_due(case, item),
                "references": references,
            }
        )
    return rows


def _not_due(case, item) -> str:
    month = item.month
    if item.note:
        return item.note
    if case.status in (CaseStatus.INTAKE, CaseStatus.SCREENING):
        return _("Chờ quyết định")
    if case.status == CaseStatus.REFUSED:
        return _("Không đủ điều kiện")
    if case.start_month and month < case.start_month:
        return _("Trước tháng hưởng")
    if case.end_month and month >= case.end_month:
        if case.status == CaseStatus.TRANSFERRED_OUT:
            return _("Đã chuyển đi từ tháng %(m)s") % {"m": month_label(case.end_month)}
        return _("Thôi hưởng từ tháng %(m)s") % {"m": month_label(case.end_month)}
    if not item.result.amount:
        return _("Không thuộc nhóm nào trong tháng")
    return ""
