"""The case page: its facts, timeline and monthly amounts, and the steps posted from it."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from areas.scope import can_write_ward
from households.models import Classification

from . import rules
from .forms import DOCUMENT_LABELS, FLAG_LABELS
from .models import Benefit, CaseStatus
from .queries import case_schedule, classification_on, get_case_for_user, rule_data
from .services import (
    CaseError,
    case_adjust,
    case_collected_record,
    case_grant,
    case_note_add,
    case_refuse,
    case_resume,
    case_screen,
    case_suspend,
    case_terminate,
    case_unpaid_record,
    person_death_record,
    proposed_start,
    referral_add,
    referral_close,
)
from .step_forms import (
    AdjustForm,
    CollectedForm,
    DeathForm,
    GrantForm,
    NoteForm,
    ReferralCloseForm,
    ReferralForm,
    RefuseForm,
    ResumeForm,
    ScreenForm,
    SuspendForm,
    TerminateForm,
    UnpaidForm,
)
from .worklist_dates import months_since

# The schedule runs to two months ahead: the next payroll is drawn before the 25th
# (ND 20/2021 Điều 34 khoản 4).
MONTHS_AHEAD = 2


def _month_label(month: date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


@login_required
@require_GET
def case_detail_view(request, pk):
    case = get_case_for_user(request.user, pk)
    return render(request, "beneficiaries/detail.html", _detail_context(request, case))


def _detail_context(request, case, failed_name: str = "", failed_form=None) -> dict:
    today = timezone.localdate()
    can_write = can_write_ward(request.user, case.ward_id)
    forms = _action_forms(case, today) if can_write else {}
    if failed_name in forms:
        forms[failed_name] = failed_form
    person = case.person
    household = person.household
    classification = classification_on(household.id, today)
    referrals = list(case.referrals.order_by("closed", "follow_up_on", "pk"))
    closing = {}
    if can_write:
        closing = {r.pk: ReferralCloseForm(referral=r) for r in referrals if not r.closed}
        if failed_name == "close" and failed_form.referral.pk in closing:
            closing[failed_form.referral.pk] = failed_form
    context = {
        "case": case,
        "person": person,
        "household": household,
        "age": rules.age_on(person.birth_date, today) if person.birth_date else None,
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
        forms["screen"] = ScreenForm(initial={"screened_on": today})
    if status == CaseStatus.SCREENING:
        forms["grant"] = GrantForm(initial={"decided_on": today})
    if status in (CaseStatus.INTAKE, CaseStatus.SCREENING):
        forms["refuse"] = RefuseForm(initial={"refused_on": today})
    if status == CaseStatus.ACTIVE:
        forms["adjust"] = AdjustForm(
            initial={
                "flags": case.flags,
                "children_raised": case.children_raised,
                "pension_amount": case.pension_amount,
                "effective_month": rules.month_start(today),
                "decided_on": today,
                "version": case.version,
            }
        )
        forms["suspend"] = SuspendForm(initial={"on": today})
        forms["unpaid"] = UnpaidForm(initial={"since": case.unpaid_since})
        if case.unpaid_since:
            forms["collected"] = CollectedForm(initial={"on": today})
    if status == CaseStatus.SUSPENDED:
        forms["resume"] = ResumeForm(initial={"on": today})
    if status in (CaseStatus.ACTIVE, CaseStatus.SUSPENDED):
        forms["terminate"] = TerminateForm(initial={"decided_on": today})
    if case.is_open and case.person.deceased_on is None:
        forms["death"] = DeathForm(person=case.person)
    forms["note"] = NoteForm(initial={"written_on": today})
    forms["referral"] = ReferralForm(initial={"referred_on": today})
    return forms


def _schedule_rows(case, today) -> list[dict]:
    """Every month of the case to two months ahead, with what the rules give and why."""
    until = today
    for _i in range(MONTHS_AHEAD):
        until = rules.next_month(rules.month_start(until))
    data = rule_data(case.ward.parent_id)
    rows = []
    for item in case_schedule(case, until=until, data=data):
        result = item.result
        paid = {r.code for r in result.paid}
        pension_references = [
            r.legal_reference for r in data.pensions if rules.covers(r, item.month)
        ]
        if result.chosen == rules.PENSION:
            references = pension_references
        else:
            references = [r.legal_reference for r in result.paid]
        rows.append(
            {
                "month": item.month,
                "current": item.month == rules.month_start(today),
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
            return _("Đã chuyển đi từ tháng %(m)s") % {"m": _month_label(case.end_month)}
        return _("Thôi hưởng từ tháng %(m)s") % {"m": _month_label(case.end_month)}
    if not item.result.amount:
        return _("Không thuộc nhóm nào trong tháng")
    return ""


def _step(request, pk, name, make_form, run):
    """Validate a step's form and run its service; show the case again with any error."""
    case = get_case_for_user(request.user, pk, write=True)
    form = make_form(case)
    if form.is_valid():
        try:
            done = run(case, form.cleaned_data, form)
        except CaseError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, done)
            return redirect("beneficiaries:detail", pk=case.pk)
    case = get_case_for_user(request.user, pk, write=True)  # as the page shows it now
    context = _detail_context(request, case, name, form)
    return render(request, "beneficiaries/detail.html", context, status=400)


def _decision(data) -> dict:
    return {"decided_on": data["decided_on"], "signer": data["signer"], "number": data["number"]}


def _last_decision(case) -> str:
    event = case.events.exclude(decision_number="").order_by("-pk").first()
    return event.decision_number if event else ""


@login_required
@require_POST
def case_screen_view(request, pk):
    def run(case, data, form):
        case_screen(
            user=request.user, case=case, screened_on=data["screened_on"], note=data["note"]
        )
        return _("Đã ghi kết quả xét duyệt: hồ sơ chờ quyết định của Chủ tịch UBND.")

    return _step(request, pk, "screen", lambda c: ScreenForm(request.POST), run)


@login_required
@require_POST
def case_grant_view(request, pk):
    def run(case, data, form):
        case_grant(user=request.user, case=case, **_decision(data))
        return _("Đã ghi quyết định số %(n)s: hưởng từ tháng %(m)s.") % {
            "n": _last_decision(case),
            "m": _month_label(case.start_month),
        }

    return _step(request, pk, "grant", lambda c: GrantForm(request.POST), run)


@login_required
@require_POST
def case_refuse_view(request, pk):
    def run(case, data, form):
        case_refuse(user=request.user, case=case, refused_on=data["refused_on"], note=data["note"])
        return _("Đã ghi trả lời không đủ điều kiện.")

    return _step(request, pk, "refuse", lambda c: RefuseForm(request.POST), run)


@login_required
@require_POST
def case_adjust_view(request, pk):
    def run(case, data, form):
        case_adjust(
            user=request.user,
            case=case,
            effective_month=data["effective_month"],
            version=data["version"],
            flags=data["flags"],
            children_raised=data["children_raised"],
            pension_amount=data["pension_amount"],
            note=data["note"],
            **_decision(data),
        )
        return _("Đã ghi quyết định điều chỉnh số %(n)s, áp dụng từ tháng %(m)s.") % {
            "n": _last_decision(case),
            "m": _month_label(data["effective_month"]),
        }

    return _step(request, pk, "adjust", lambda c: AdjustForm(request.POST), run)


@login_required
@require_POST
def case_suspend_view(request, pk):
    def run(case, data, form):
        case_suspend(user=request.user, case=case, on=data["on"], note=data["note"])
        return _("Đã tạm dừng chi trả từ tháng %(m)s.") % {"m": _month_label(data["on"])}

    return _step(request, pk, "suspend", lambda c: SuspendForm(request.POST), run)


@login_required
@require_POST
def case_resume_view(request, pk):
    def run(case, data, form):
        case_resume(user=request.user, case=case, on=data["on"], note=data["note"])
        return _("Đã cho hưởng lại từ tháng %(m)s.") % {"m": _month_label(data["on"])}

    return _step(request, pk, "resume", lambda c: ResumeForm(request.POST), run)


@login_required
@require_POST
def case_unpaid_view(request, pk):
    def run(case, data, form):
        case_unpaid_record(
            user=request.user,
            case=case,
            since=data["since"],
            recorded_on=timezone.localdate(),
            note=data["note"],
        )
        return _("Đã ghi chưa nhận tiền từ tháng %(m)s.") % {"m": _month_label(data["since"])}

    return _step(request, pk, "unpaid", lambda c: UnpaidForm(request.POST), run)


@login_required
@require_POST
def case_collected_view(request, pk):
    def run(case, data, form):
        case_collected_record(user=request.user, case=case, on=data["on"])
        return _("Đã ghi người hưởng nhận tiền trở lại.")

    return _step(request, pk, "collected", lambda c: CollectedForm(request.POST), run)


@login_required
@require_POST
def case_terminate_view(request, pk):
    def run(case, data, form):
        case_terminate(
            user=request.user,
            case=case,
            reason=data["reason"],
            happened_on=data["happened_on"],
            note=data["note"],
            **_decision(data),
        )
        return _("Đã ghi quyết định thôi hưởng số %(n)s: thôi hưởng từ tháng %(m)s.") % {
            "n": _last_decision(case),
            "m": _month_label(case.end_month),
        }

    return _step(request, pk, "terminate", lambda c: TerminateForm(request.POST), run)


@login_required
@require_POST
def person_death_view(request, pk):
    def run(case, data, form):
        ended = person_death_record(
            user=request.user, person=case.person, died_on=data["died_on"], signer=data["signer"]
        )
        return _(
            "Đã ghi ngày mất của %(name)s: %(n)d hồ sơ đang mở đã kết thúc, "
            "không chi trả từ tháng %(m)s."
        ) % {
            "name": case.person.full_name,
            "n": len(ended),
            "m": _month_label(rules.stop_month(data["died_on"])),
        }

    return _step(request, pk, "death", lambda c: DeathForm(request.POST, person=c.person), run)


@login_required
@require_POST
def case_note_view(request, pk):
    def run(case, data, form):
        case_note_add(user=request.user, case=case, **data)
        return _("Đã thêm ghi chép.")

    return _step(request, pk, "note", lambda c: NoteForm(request.POST), run)


@login_required
@require_POST
def referral_add_view(request, pk):
    def run(case, data, form):
        referral = referral_add(user=request.user, case=case, **data)
        return _("Đã ghi chuyển đến %(service)s.") % {"service": referral.get_service_display()}

    return _step(request, pk, "referral", lambda c: ReferralForm(request.POST), run)


@login_required
@require_POST
def referral_close_view(request, pk, referral_pk):
    def make_form(case):
        referral = get_object_or_404(case.referrals, pk=referral_pk, closed=False)
        return ReferralCloseForm(request.POST, referral=referral)

    def run(case, data, form):
        referral_close(user=request.user, referral=form.referral, outcome=data["outcome"])
        return _("Đã ghi kết quả chuyển tuyến.")

    return _step(request, pk, "close", make_form, run)
