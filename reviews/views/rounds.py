"""Pages of a review round: the list of rounds, a round with its steps, an assessment."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areas.models import Area
from areas.queries import wards_visible_to
from areas.scope import can_write_ward
from households.models import Household
from ui.steps import run_step
from vn.numbers import NumberError, parse_integer

from .. import rules
from ..access import get_round_for_user
from ..forms import (
    AssessmentForm,
    ComplaintAnswerForm,
    ComplaintForm,
    DecisionForm,
    MeetingForm,
    PostingForm,
    RequestForm,
    RoundOpenForm,
)
from ..models import ReviewStage
from ..queries import (
    assessment_proposals,
    round_items,
    rounds_visible_to,
)
from ..queries.meetings import meeting_progress
from ..queries.recognition import certified_households
from ..services import (
    ReviewError,
    assessment_save,
    meeting_record,
    posting_complaint_answer,
    posting_complaint_record,
    posting_record,
    review_request_add,
    review_round_decide,
    review_round_open,
)


@login_required
@require_http_methods(["GET", "POST"])
def review_list_view(request):
    wards = wards_visible_to(request.user, write=True)
    form = RoundOpenForm(request.POST or None, wards=wards)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = review_round_open(
                user=request.user,
                ward=data["ward"],
                kind=data["kind"],
                year=data["year"],
                month=data["month"],
                reference_date=data["reference_date"],
            )
        except ReviewError as e:
            form.add_error(None, str(e))
        else:
            return redirect("reviews:detail", pk=review.pk)
    context = {
        "rounds": rounds_visible_to(request.user)[:200],
        "form": form,
        "can_open": wards.exists(),
    }
    return render(request, "reviews/list.html", context)


@login_required
@require_GET
def review_detail_view(request, pk):
    review = get_round_for_user(request.user, pk)
    return render(request, "reviews/detail.html", _detail_context(request, review))


def _detail_context(request, review, **forms):
    items = round_items(review)
    can_write = can_write_ward(request.user, review.ward_id)
    stage = review.stage
    assessing = stage == ReviewStage.ASSESSING
    return {
        "review": review,
        "items": items,
        "assessed": sum(1 for i in items if i.assessment),
        "can_write": can_write,
        "meetings": review.meetings.select_related("residential_group"),
        "progress": meeting_progress(review),
        "request_form": forms.get("request_form")
        or (RequestForm(households=_households(request, review)) if assessing else None),
        "meeting_form": forms.get("meeting_form") or (_meeting_form(review) if assessing else None),
        "complaints": _complaints(review, forms.get("answer_form")),
        "complaint_form": forms.get("complaint_form")
        or (ComplaintForm() if stage == ReviewStage.POSTING and review.posting_to else None),
        "posting_form": forms.get("posting_form")
        or (
            PostingForm(
                initial={
                    "posting_from": review.posting_from,
                    "posting_to": review.posting_to,
                    "place": review.posting_place,
                    "complaints": review.complaints,
                }
            )
            if stage == ReviewStage.POSTING
            else None
        ),
        "decision_form": forms.get("decision_form")
        or (DecisionForm() if stage == ReviewStage.POSTING and review.posting_to else None),
        "results": _results(items) if stage == ReviewStage.DECIDED else None,
        "certified": certified_households(review) if stage == ReviewStage.DECIDED else (),
    }


def _meeting_form(review, data=None):
    """The meeting form offering the groups still to pass their meeting; no choice for a
    ward whose list has a single group (or none)."""
    progress = meeting_progress(review)
    if len(progress) <= 1:
        return MeetingForm(data, groups=None)
    waiting = [p.group.pk for p in progress if p.group and p.passed is None]
    loose = any(p.group is None and p.passed is None for p in progress)
    groups = Area.objects.filter(pk__in=waiting).order_by("code")
    return MeetingForm(data, groups=groups, without_group=loose)


def _complaints(review, failed):
    """The posting's complaints, each unanswered one with its answer form (the one that
    failed under its own complaint), ids apart."""
    complaints = list(review.posting_complaints.all())
    for c in complaints:
        mine = failed is not None and failed.complaint_pk == c.pk
        c.answer_form = failed if mine else ComplaintAnswerForm(auto_id=f"id_answer{c.pk}_%s")
    return complaints


def _results(items):
    counts = {}
    for item in items:
        if item.assessment:
            key = item.assessment.get_classification_display()
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items())


def _step(request, pk, name, make_form, run):
    """The step `name` of the round's page: run_step, going back to this round's page."""
    review = get_round_for_user(request.user, pk, write=True)

    def show_again(failed):
        context = _detail_context(request, review, **{name: failed})
        return render(request, "reviews/detail.html", context, status=400)

    return run_step(
        request,
        make_form(review),
        lambda data, form: run(review, data, form),
        refused=ReviewError,
        done_url=reverse("reviews:detail", args=[review.pk]),
        show_again=show_again,
    )


@login_required
@require_POST
def review_request_view(request, pk):
    def run(review, data, form):
        review_request_add(
            user=request.user,
            review=review,
            household=form.household,
            source=data["source"],
            filed_on=data["filed_on"],
        )
        return _("Đã thêm hộ %(code)s vào danh sách rà soát.") % {"code": data["code"]}

    def make_form(review):
        return RequestForm(request.POST, households=_households(request, review))

    return _step(request, pk, "request_form", make_form, run)


def _households(request, review):
    return Household.objects.visible_to(request.user).filter(ward=review.ward_id)


@login_required
@require_POST
def meeting_view(request, pk):
    def run(review, data, form):
        meeting = meeting_record(user=request.user, review=review, **data)
        review.refresh_from_db(fields=["stage"])
        if review.stage == ReviewStage.POSTING:
            return _("Cuộc họp đã thông qua danh sách: chuyển sang niêm yết công khai.")
        if meeting.passed:
            return _("Cuộc họp đã thông qua danh sách của tổ; còn tổ khác chưa họp thông qua.")
        return _(
            "Dưới một nửa số người dự đồng ý: danh sách trở lại bước đánh giá, "
            "rà soát lại rồi họp lần nữa."
        )

    return _step(request, pk, "meeting_form", lambda r: _meeting_form(r, request.POST), run)


@login_required
@require_POST
def posting_view(request, pk):
    def run(review, data, form):
        posting_record(user=request.user, review=review, **data)
        return _("Đã ghi kết quả niêm yết công khai.")

    return _step(request, pk, "posting_form", lambda r: PostingForm(request.POST), run)


@login_required
@require_POST
def complaint_view(request, pk):
    def run(review, data, form):
        posting_complaint_record(user=request.user, review=review, **data)
        return _("Đã ghi khiếu nại; cần trả lời trước khi ra quyết định.")

    return _step(request, pk, "complaint_form", lambda r: ComplaintForm(request.POST), run)


@login_required
@require_POST
def complaint_answer_view(request, pk, complaint_pk):
    def run(review, data, form):
        complaint = get_object_or_404(review.posting_complaints, pk=complaint_pk)
        posting_complaint_answer(user=request.user, complaint=complaint, **data)
        return _("Đã ghi kết quả giải quyết khiếu nại.")

    def make_form(review):
        form = ComplaintAnswerForm(request.POST, auto_id=f"id_answer{complaint_pk}_%s")
        form.complaint_pk = complaint_pk
        return form

    return _step(request, pk, "answer_form", make_form, run)


@login_required
@require_POST
def decision_view(request, pk):
    def run(review, data, form):
        n = review_round_decide(user=request.user, review=review, **data)
        return _("Đã ghi quyết định và phân loại mới của %(n)d hộ.") % {"n": n}

    return _step(request, pk, "decision_form", lambda r: DecisionForm(request.POST), run)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_view(request, pk, household_pk):
    review = get_round_for_user(request.user, pk)
    item = get_object_or_404(review.items.select_related("household"), household_id=household_pk)
    household = item.household
    assessment = review.assessments.filter(household=household).first()
    can_write = (
        can_write_ward(request.user, review.ward_id) and review.stage == ReviewStage.ASSESSING
    )
    floor_area = None
    if request.method == "POST":
        if not can_write:
            raise Http404
        floor_area = AssessmentForm.base_fields["floor_area"].read(request.POST.get("floor_area"))
    elif assessment:
        floor_area = assessment.floor_area
    proposals, members = assessment_proposals(review, household, floor_area)
    form = AssessmentForm(
        request.POST or None,
        proposals=proposals,
        initial=_assessment_initial(assessment),
    )
    if request.method == "POST" and form.is_valid():
        deprived, reasons = form.answers()
        data = form.cleaned_data
        try:
            assessment_save(
                user=request.user,
                review=review,
                household=household,
                values=data,
                deprived=deprived,
                override_reasons=reasons,
                version=data["version"],
            )
        except ReviewError as e:
            form.add_error(None, str(e))
        else:
            messages.success(
                request, _("Đã lưu phiếu đánh giá hộ %(code)s.") % {"code": household.code}
            )
            return redirect("reviews:detail", pk=review.pk)
    context = {
        "review": review,
        "household": household,
        "item": item,
        "assessment": assessment,
        "members": members,
        "form": form,
        "can_write": can_write,
        "result": _live_result(review, form, members),
    }
    return render(request, "reviews/assessment.html", context, status=400 if form.errors else 200)


def _assessment_initial(assessment) -> dict:
    if assessment is None:
        return {}
    initial = {
        "household_income_year": assessment.household_income_year,
        "income_per_capita": None
        if assessment.household_income_year is not None
        else assessment.income_per_capita,
        "floor_area": assessment.floor_area,
        "causes": assessment.causes,
        "able_to_escape": {True: "yes", False: "no"}.get(assessment.able_to_escape, ""),
        "wishes": assessment.wishes,
        "notes": assessment.notes,
        "version": assessment.version,
    }
    for code, answer in assessment.deprivations.items():
        initial[f"deprived_{code}"] = answer["deprived"]
        initial[f"reason_{code}"] = answer["reason"]
    return initial


def _live_result(review, form, members):
    """The classification the form's current answers give, or None until income is known."""
    data = form.data if form.is_bound else None
    if data is None:
        values = {k: form.initial.get(k) for k in form.fields}
        deprived = sum(
            bool(values.get(f"deprived_{i.code}", form.fields[f"deprived_{i.code}"].initial))
            for i, _p in form.indicators
        )
        income_year, income = values.get("household_income_year"), values.get("income_per_capita")
    else:
        deprived = sum(bool(data.get(f"deprived_{i.code}")) for i, _p in form.indicators)
        income_year = _int(data.get("household_income_year"))
        income = _int(data.get("income_per_capita"))
    if income_year is not None and members:
        income = rules.income_per_capita(income_year, len(members))
    if income is None:
        return None
    result = rules.classify(
        income, deprived, review.standard.lines(), is_urban=review.ward.is_urban
    )
    return {"income": income, "deprived": deprived, "result": result}


def _int(text):
    """The income typed so far, or None while it is not a number (the form says why)."""
    try:
        return parse_integer(text)
    except NumberError:
        return None


@login_required
@require_POST
def assessment_result_view(request, pk, household_pk):
    """The classification box of the assessment form, recomputed as the officer types (htmx)."""
    review = get_round_for_user(request.user, pk)
    item = get_object_or_404(review.items.select_related("household"), household_id=household_pk)
    floor_area = AssessmentForm.base_fields["floor_area"].read(request.POST.get("floor_area"))
    proposals, members = assessment_proposals(review, item.household, floor_area)
    form = AssessmentForm(request.POST, proposals=proposals)
    return render(
        request,
        "reviews/_result.html",
        {"review": review, "result": _live_result(review, form, members)},
    )
