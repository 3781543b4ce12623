"""Pages of the poverty review: rounds, assessments and the movements table."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areas.models import Area, Level
from areas.queries import wards_visible_to
from areas.scope import can_write_ward, ward_ids
from ui.pagination import counted_page

from . import rules
from .models import ReviewStage
from .movements import GROUPS, movement_households, movement_table
from .review_forms import (
    AssessmentForm,
    DecisionForm,
    MeetingForm,
    MovementForm,
    PostingForm,
    RequestForm,
    RoundOpenForm,
)
from .review_queries import (
    assessment_proposals,
    get_round_for_user,
    round_items,
    rounds_visible_to,
)
from .review_services import (
    ReviewError,
    assessment_save,
    meeting_record,
    posting_record,
    review_request_add,
    review_round_decide,
    review_round_open,
)

GROUP_LABELS = {rules.POOR: gettext_lazy("Hộ nghèo"), rules.NEAR_POOR: gettext_lazy("Hộ cận nghèo")}
COLUMN_LABELS = {
    "at_start": gettext_lazy("Đầu kỳ"),
    "newly": gettext_lazy("Phát sinh mới"),
    "relapsed": gettext_lazy("Tái nghèo"),
    "escaped": gettext_lazy("Thoát"),
    "to_poor": gettext_lazy("Chuyển thành hộ nghèo"),
    "moved_away": gettext_lazy("Chuyển đi"),
    "at_end": gettext_lazy("Cuối kỳ"),
}


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
        "meetings": review.meetings.all(),
        "request_form": forms.get("request_form")
        or (RequestForm(ward=review.ward) if assessing else None),
        "meeting_form": forms.get("meeting_form") or (MeetingForm() if assessing else None),
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
    }


def _results(items):
    counts = {}
    for item in items:
        if item.assessment:
            key = item.assessment.get_classification_display()
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts.items())


def _step(request, pk, name, make_form, run):
    """Validate a step's form and run its service; show the round again with any error."""
    review = get_round_for_user(request.user, pk, write=True)
    form = make_form(review)
    if form.is_valid():
        try:
            done = run(review, form.cleaned_data, form)
        except ReviewError as e:
            form.add_error(None, str(e))
        else:
            messages.success(request, done)
            return redirect("reviews:detail", pk=review.pk)
    context = _detail_context(request, review, **{name: form})
    return render(request, "reviews/detail.html", context, status=400)


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

    return _step(request, pk, "request_form", lambda r: RequestForm(request.POST, ward=r.ward), run)


@login_required
@require_POST
def meeting_view(request, pk):
    def run(review, data, form):
        meeting = meeting_record(user=request.user, review=review, **data)
        if meeting.passed:
            return _("Cuộc họp đã thông qua danh sách: chuyển sang niêm yết công khai.")
        return _(
            "Dưới một nửa số người dự đồng ý: danh sách trở lại bước đánh giá, "
            "rà soát lại rồi họp lần nữa."
        )

    return _step(request, pk, "meeting_form", lambda r: MeetingForm(request.POST), run)


@login_required
@require_POST
def posting_view(request, pk):
    def run(review, data, form):
        posting_record(user=request.user, review=review, **data)
        return _("Đã ghi kết quả niêm yết công khai.")

    return _step(request, pk, "posting_form", lambda r: PostingForm(request.POST), run)


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
        floor_area = AssessmentForm.base_fields["floor_area"].to_python(
            request.POST.get("floor_area")
        )
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
    text = (text or "").replace(".", "").replace(" ", "").strip()
    return int(text) if text.isdigit() else None


@login_required
@require_POST
def assessment_result_view(request, pk, household_pk):
    """The classification box of the assessment form, recomputed as the officer types (htmx)."""
    review = get_round_for_user(request.user, pk)
    item = get_object_or_404(review.items.select_related("household"), household_id=household_pk)
    floor_area = _int(request.POST.get("floor_area"))
    proposals, members = assessment_proposals(review, item.household, floor_area)
    form = AssessmentForm(request.POST, proposals=proposals)
    return render(
        request,
        "reviews/_result.html",
        {"review": review, "result": _live_result(review, form, members)},
    )


@login_required
@require_GET
def movements_view(request):
    areas = _movement_areas(request.user)
    today = timezone.localdate()
    form = MovementForm(
        request.GET or None,
        areas=areas,
        initial={"start": date(today.year, 1, 1), "end": today, "area": areas.first()},
    )
    table = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        table = movement_table(request.user, data["area"], data["start"], data["end"])
    context = {
        "form": form,
        "table": table,
        "grid": _grid(table) if table else None,
        "columns": COLUMN_LABELS,
        "query": request.GET.urlencode(),
    }
    return render(request, "reviews/movements.html", context)


def _grid(table):
    return [
        (
            group,
            label,
            [(c, table.rows[group][c], table.rate(group, c)) for c in COLUMN_LABELS],
        )
        for group, label in GROUP_LABELS.items()
    ]


@login_required
@require_GET
def movement_households_view(request):
    form = MovementForm(request.GET, areas=_movement_areas(request.user))
    group, column = request.GET.get("group", ""), request.GET.get("column", "")
    if not form.is_valid() or group not in GROUPS or column not in rules.MOVEMENT_COLUMNS:
        raise Http404
    data = form.cleaned_data
    households = (
        movement_households(request.user, data["area"], data["start"], data["end"], group, column)
        .select_related("ward", "residential_group")
        .order_by("ward_id", "code")
    )
    page = counted_page(households, 50, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "group_label": GROUP_LABELS[group],
        "column_label": COLUMN_LABELS[column],
        "query": query.urlencode(),
        "back": query.copy(),
    }
    return render(request, "reviews/movement_households.html", context)


def _movement_areas(user):
    """Wards in scope, and the provinces and groups above and below them."""
    ids = ward_ids(user)
    wards = Area.objects.filter(level=Level.WARD)
    if ids is not None:
        wards = wards.filter(pk__in=sorted(ids))
    parents = wards.values("parent_id")
    return Area.objects.filter(
        Q(pk__in=wards.values("pk")) | Q(pk__in=parents, level=Level.PROVINCE)
    ).order_by("path")
