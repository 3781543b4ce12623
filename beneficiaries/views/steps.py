"""The steps posted from the case page: screening, the chair's decisions, payment facts,
a death, notes and referrals. Each validates its form, calls one service and goes back to
the case page, or shows the page again with the form's error."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ui.steps import run_step

from .. import rules
from ..access import get_case_for_user
from ..forms.steps import (
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
from ..services import (
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
    referral_add,
    referral_close,
)
from .cases import month_label, render_case_page


def _run(request, case, name: str, form, run):
    """The step `name` of the case page: run_step, going back to this case's page."""

    def show_again(failed):
        current = get_case_for_user(request.user, case.pk, write=True)  # as the page is now
        return render_case_page(request, current, failed_name=name, failed_form=failed, status=400)

    done_url = reverse("beneficiaries:detail", args=[case.pk])
    return run_step(request, form, run, refused=CaseError, done_url=done_url, show_again=show_again)


def _decision(data) -> dict:
    return {"decided_on": data["decided_on"], "signer": data["signer"], "number": data["number"]}


def _last_decision(case) -> str:
    event = case.events.exclude(decision_number="").order_by("-pk").first()
    return event.decision_number if event else ""


@login_required
@require_POST
def case_screen_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_screen(
            user=request.user, case=case, screened_on=data["screened_on"], note=data["note"]
        )
        return _("Đã ghi kết quả xét duyệt: hồ sơ chờ quyết định của Chủ tịch UBND.")

    return _run(request, case, "screen", ScreenForm(request.POST), run)


@login_required
@require_POST
def case_grant_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_grant(user=request.user, case=case, **_decision(data))
        return _("Đã ghi quyết định số %(n)s: hưởng từ tháng %(m)s.") % {
            "n": _last_decision(case),
            "m": month_label(case.start_month),
        }

    return _run(request, case, "grant", GrantForm(request.POST), run)


@login_required
@require_POST
def case_refuse_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_refuse(user=request.user, case=case, refused_on=data["refused_on"], note=data["note"])
        return _("Đã ghi trả lời không đủ điều kiện.")

    return _run(request, case, "refuse", RefuseForm(request.POST), run)


@login_required
@require_POST
def case_adjust_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
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
            "m": month_label(data["effective_month"]),
        }

    return _run(request, case, "adjust", AdjustForm(request.POST), run)


@login_required
@require_POST
def case_suspend_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_suspend(user=request.user, case=case, on=data["on"], note=data["note"])
        return _("Đã tạm dừng chi trả từ tháng %(m)s.") % {"m": month_label(data["on"])}

    return _run(request, case, "suspend", SuspendForm(request.POST), run)


@login_required
@require_POST
def case_resume_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_resume(user=request.user, case=case, on=data["on"], note=data["note"])
        return _("Đã cho hưởng lại từ tháng %(m)s.") % {"m": month_label(data["on"])}

    return _run(request, case, "resume", ResumeForm(request.POST), run)


@login_required
@require_POST
def case_unpaid_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_unpaid_record(
            user=request.user,
            case=case,
            since=data["since"],
            recorded_on=timezone.localdate(),
            note=data["note"],
        )
        return _("Đã ghi chưa nhận tiền từ tháng %(m)s.") % {"m": month_label(data["since"])}

    return _run(request, case, "unpaid", UnpaidForm(request.POST), run)


@login_required
@require_POST
def case_collected_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_collected_record(user=request.user, case=case, on=data["on"])
        return _("Đã ghi người hưởng nhận tiền trở lại.")

    return _run(request, case, "collected", CollectedForm(request.POST), run)


@login_required
@require_POST
def case_terminate_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
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
            "m": month_label(case.end_month),
        }

    return _run(request, case, "terminate", TerminateForm(request.POST), run)


@login_required
@require_POST
def person_death_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        ended = person_death_record(
            user=request.user, person=case.person, died_on=data["died_on"], signer=data["signer"]
        )
        return _(
            "Đã ghi ngày mất của %(name)s: %(n)d hồ sơ đang mở đã kết thúc, "
            "không chi trả từ tháng %(m)s."
        ) % {
            "name": case.person.full_name,
            "n": len(ended),
            "m": month_label(rules.stop_month(data["died_on"])),
        }

    return _run(request, case, "death", DeathForm(request.POST, person=case.person), run)


@login_required
@require_POST
def case_note_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        case_note_add(user=request.user, case=case, **data)
        return _("Đã thêm ghi chép.")

    return _run(request, case, "note", NoteForm(request.POST), run)


@login_required
@require_POST
def referral_add_view(request, pk):
    case = get_case_for_user(request.user, pk, write=True)

    def run(data, form):
        referral = referral_add(user=request.user, case=case, **data)
        return _("Đã ghi chuyển đến %(service)s.") % {"service": referral.get_service_display()}

    return _run(request, case, "referral", ReferralForm(request.POST), run)


@login_required
@require_POST
def referral_close_view(request, pk, referral_pk):
    case = get_case_for_user(request.user, pk, write=True)
    referral = get_object_or_404(case.referrals, pk=referral_pk, closed=False)

    def run(data, form):
        referral_close(user=request.user, referral=form.referral, outcome=data["outcome"])
        return _("Đã ghi kết quả chuyển tuyến.")

    form = ReferralCloseForm(request.POST, referral=referral)
    return _run(request, case, "close", form, run)
