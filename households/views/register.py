from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areas.models import Area
from areas.queries import (
    residential_groups_of_ward,
    residential_groups_visible_to,
    wards_visible_to,
)
from areas.scope import can_write_any_ward, can_write_ward
from ui.documents import XLSX_CONTENT_TYPE, ascii_filename, file_response
from ui.pagination import counted_page, lookahead_page
from vn.numbers import parse_id

from ..access import get_household_for_user
from ..exports import register_rows, register_scope, register_title, register_workbook
from ..forms.register import (
    HouseholdFilterForm,
    HouseholdForm,
    MemberForm,
    MemberFormSet,
    StatusForm,
)
from ..history import household_history
from ..models import Relation
from ..queries import arrivals_count, household_detail, household_list
from ..services import (
    MemberData,
    RegisterError,
    household_delete,
    household_deletion_refusal,
    household_save,
    household_status_record,
)
from .events import MENU as EVENT_MENU


@login_required
@require_GET
def household_list_view(request):
    # Only the chosen ward's groups: a province has thousands of them.
    groups = residential_groups_of_ward(request.user, parse_id(request.GET.get("ward")))
    wards = wards_visible_to(request.user)
    form = HouseholdFilterForm(
        request.GET,
        wards=wards,
        groups=Area.objects.none() if groups is None else groups,
    )
    form.is_valid()  # an invalid field is shown with its error; the valid ones still filter
    filters = form.cleaned_data
    households = household_list(
        request.user,
        q=filters.get("q", ""),
        ward=filters.get("ward"),
        group=filters.get("group"),
        classification=filters.get("classification", ""),
        year=filters.get("year"),
        state=filters.get("state", ""),
        support=filters.get("support", ""),
    )
    paginate = lookahead_page if filters.get("q") else counted_page
    page = paginate(households, settings.HOUSEHOLDS_PAGE_SIZE, request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "search_text": filters.get("q", ""),  # the members a search hit, shown per row
        "can_create": can_write_any_ward(request.user),
        "arrivals_count": _arrivals_count(request),
        "group_needs_ward": groups is None,
        "ward_options": [] if request.htmx else list(wards.values_list("pk", "name")),
    }
    template = "households/_results.html" if request.htmx else "households/list.html"
    return render(request, template, context)


def _arrivals_count(request) -> int | None:
    """Households moving to the officer's wards, for the list's link (None: no link)."""
    if request.htmx or not can_write_any_ward(request.user):
        return None
    return arrivals_count(request.user)


@login_required
@require_GET
def household_detail_view(request, pk):
    household = household_detail(request.user, pk)
    can_write = can_write_ward(request.user, household.ward_id)
    context = {
        "household": household,
        "history": household_history(household),
        "status_form": StatusForm(),
        "can_write": can_write,
        "event_menu": EVENT_MENU if can_write and not household.closed_on else [],
    }
    return render(request, "households/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def household_create_view(request):
    return _household_form(request, household=None)


@login_required
@require_http_methods(["GET", "POST"])
def household_update_view(request, pk):
    household = get_household_for_user(request.user, pk, write=True)
    return _household_form(request, household=household)


def _household_form(request, *, household):
    wards = wards_visible_to(request.user, write=True)
    if not wards.exists():
        raise Http404
    groups = residential_groups_visible_to(request.user, write=True)
    if request.method == "POST":
        form = HouseholdForm(request.POST, wards=wards, groups=groups)
        members = MemberFormSet(request.POST, prefix="members")
        if form.is_valid() and members.is_valid():
            try:
                saved = household_save(
                    user=request.user,
                    household=household,
                    values=form.cleaned_data,
                    members=[MemberData.from_cleaned(m) for m in members.members],
                    version=form.cleaned_data.get("version"),
                )
            except RegisterError as e:  # a StaleEdit too: shown once, above the form
                form.add_error(None, str(e))
            else:
                messages.success(request, _("Đã lưu hộ %(code)s.") % {"code": saved.code})
                return redirect("households:detail", pk=saved.pk)
    else:
        form = HouseholdForm(initial=_household_initial(household), wards=wards, groups=groups)
        members = MemberFormSet(initial=_members_initial(household), prefix="members")
    context = {"form": form, "members": members, "household": household}
    return render(request, "households/form.html", context)


def _household_initial(household):
    if household is None:
        return {}
    return {
        "ward": household.ward_id,
        "residential_group": household.residential_group_id,
        "code": household.code,
        "address": household.address,
        "phone": household.phone,
        "notes": household.notes,
        "version": household.version,
    }


def _members_initial(household):
    if household is None:
        return [{"relation_to_head": Relation.HEAD}]
    return [
        {
            "id": p.pk,
            "full_name": p.full_name,
            "relation_to_head": p.relation_to_head,
            "sex": p.sex,
            "birth": p.birth_display,
            "national_id": p.national_id or p.legacy_id,
            "ethnicity": p.ethnicity,
            "disability_level": p.disability_level,
            "has_health_insurance": p.has_health_insurance,
            "health_insurance_number": p.health_insurance_number,
            "in_school": p.in_school,
            "education": p.education,
            "deceased_on": p.deceased_on,
            "moved_out_on": p.moved_out_on,
        }
        for p in household.members.order_by("pk")
    ]


@login_required
@require_GET
def member_row_view(request):
    """Return one empty member row for the household form (htmx)."""
    try:
        index = int(request.GET.get("index", "0"))
    except ValueError:
        index = 0
    form = MemberForm(prefix=f"members-{index}", empty_permitted=True, use_required_attribute=False)
    MemberFormSet(prefix="members").add_fields(form, index)  # the "delete" box, as other rows
    return render(request, "households/_member_row.html", {"member": form})


@login_required
@require_POST
def status_record_view(request, pk):
    household = get_household_for_user(request.user, pk, write=True)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            household_status_record(
                user=request.user, household=household, values=form.cleaned_data
            )
        except RegisterError as e:
            messages.error(request, str(e))
        else:
            messages.success(request, _("Đã ghi phân loại năm %(year)s.") % form.cleaned_data)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("households:detail", pk=household.pk)


@login_required
@require_http_methods(["GET", "POST"])
def household_delete_view(request, pk):
    """Ask before deleting a household typed in by mistake; one something refers to is
    explained instead, with the event to record."""
    household = get_household_for_user(request.user, pk, write=True)
    error = ""
    if request.method == "POST":
        try:
            household_delete(user=request.user, household=household)
        except RegisterError as e:
            error = str(e)
        else:
            messages.success(request, _("Đã xoá hộ %(code)s.") % {"code": household.code})
            return redirect("households:list")
    refusal = household_deletion_refusal(household)
    context = {"household": household, "refusal": refusal, "error": "" if refusal else error}
    return render(request, "households/delete.html", context, status=400 if error else 200)


@login_required
@require_GET
def household_list_xlsx_view(request):
    """The list with the page's filters (an invalid one is dropped, as on the page) as .xlsx."""
    groups = residential_groups_of_ward(request.user, parse_id(request.GET.get("ward")))
    form = HouseholdFilterForm(
        request.GET,
        wards=wards_visible_to(request.user),
        groups=Area.objects.none() if groups is None else groups,
    )
    form.is_valid()
    filters = form.cleaned_data
    households = household_list(
        request.user,
        q=filters.get("q", ""),
        ward=filters.get("ward"),
        group=filters.get("group"),
        classification=filters.get("classification", ""),
        year=filters.get("year"),
        state=filters.get("state", ""),
    )
    today = timezone.localdate()
    with translation.override("vi"):  # an administrative document is Vietnamese
        scope = register_scope(request.user, filters.get("ward"))
        title = register_title(filters.get("classification", ""), filters.get("year"))
        rows = register_rows(households).iterator(chunk_size=2000)
        content = register_workbook(rows, scope=scope, title=title, day=today)
    name = ascii_filename(f"{title} {scope} {today:%Y-%m-%d}", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)
