"""The movements table of an area and period, and the households behind each figure."""

from datetime import date
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET

from areas.models import Area, Level
from areas.scope import ward_ids
from ui.documents import XLSX_CONTENT_TYPE, ascii_filename, file_response
from ui.pagination import counted_page

from .. import rules
from ..forms import MovementForm
from ..movement_sheets import Labels, movements_workbook
from ..queries.movement_wards import ward_tables
from ..queries.movements import GROUPS, movement_households, movement_table

GROUP_LABELS = {rules.POOR: gettext_lazy("Hộ nghèo"), rules.NEAR_POOR: gettext_lazy("Hộ cận nghèo")}
# Each row names its own kinds (tái nghèo / tái cận nghèo, from and to the other list).
COLUMN_LABELS = {
    rules.POOR: {
        "at_start": gettext_lazy("Đầu kỳ"),
        "newly": gettext_lazy("Phát sinh mới"),
        "relapsed": gettext_lazy("Tái nghèo"),
        "from_other": gettext_lazy("Từ hộ cận nghèo"),
        "moved_in": pgettext_lazy("movement", "Chuyển đến"),
        "split_off": gettext_lazy("Tách hộ"),
        "escaped": gettext_lazy("Thoát nghèo"),
        "to_other": gettext_lazy("Sang hộ cận nghèo"),
        "moved_away": gettext_lazy("Chuyển đi"),
        "at_end": gettext_lazy("Cuối kỳ"),
    },
    rules.NEAR_POOR: {
        "at_start": gettext_lazy("Đầu kỳ"),
        "newly": gettext_lazy("Phát sinh mới"),
        "relapsed": gettext_lazy("Tái cận nghèo"),
        "from_other": gettext_lazy("Từ hộ nghèo"),
        "moved_in": pgettext_lazy("movement", "Chuyển đến"),
        "split_off": gettext_lazy("Tách hộ"),
        "escaped": gettext_lazy("Thoát cận nghèo"),
        "to_other": gettext_lazy("Sang hộ nghèo"),
        "moved_away": gettext_lazy("Chuyển đi"),
        "at_end": gettext_lazy("Cuối kỳ"),
    },
}


@login_required
@require_GET
def movements_view(request):
    """The table for the area and period asked, or at once for the user's first area
    from 1 January to today when nothing is asked (other parameters are not a question)."""
    areas = _movement_areas(request.user)
    today = timezone.localdate()
    asked = any(name in request.GET for name in MovementForm.base_fields)
    initial = {"start": date(today.year, 1, 1), "end": today, "area": areas.first()}
    form = MovementForm(request.GET if asked else None, areas=areas, initial=initial)
    table, query = None, request.GET.urlencode()
    valid = asked and form.is_valid()
    chosen = form.cleaned_data["area"] if valid else initial["area"]
    if chosen is not None:
        form.offer(_movement_areas(request.user, groups_of=chosen))
    if valid:
        data = form.cleaned_data
        table = movement_table(request.user, data["area"], data["start"], data["end"])
    elif not asked and initial["area"] is not None:
        table = movement_table(request.user, initial["area"], initial["start"], today)
        query = urlencode(
            {
                "area": initial["area"].pk,
                "start": f"{initial['start']:%d/%m/%Y}",
                "end": f"{today:%d/%m/%Y}",
            }
        )
    context = {
        "form": form,
        "table": table,
        "grid": _grid(table) if table else None,
        "incoming": len(rules.INCOMING),
        "outgoing": len(rules.OUTGOING),
        "query": query,
    }
    return render(request, "reviews/movements.html", context)


def _grid(table):
    """Per group: its label, its column labels, and (column, count, rate) per column."""
    return [
        (
            group,
            label,
            list(COLUMN_LABELS[group].values()),
            [(c, table.rows[group][c], table.rate(group, c)) for c in rules.MOVEMENT_COLUMNS],
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
        "column_label": COLUMN_LABELS[group][column],
        "query": query.urlencode(),
        "back": query.copy(),
    }
    return render(request, "reviews/movement_households.html", context)


def _movement_areas(user, *, groups_of=None):
    """Wards in scope with their residential groups, and a province only when every one of
    its wards is in scope (a ward officer is never offered a table titled with the province
    that counts only the own ward).

    `groups_of`: the area chosen, for the list offered: the residential groups of its ward
    only, unless the scope is one ward (a province has thousands of groups: a list of them
    all is unreadable and took 0.6 s to render)."""
    ids = ward_ids(user)
    wards = Area.objects.filter(level=Level.WARD)
    provinces = Area.objects.filter(level=Level.PROVINCE)
    if ids is not None:
        wards = wards.filter(pk__in=sorted(ids))
        outside = Area.objects.filter(parent=OuterRef("pk"), level=Level.WARD).exclude(
            pk__in=sorted(ids)
        )
        provinces = provinces.filter(pk__in=wards.values("parent_id")).exclude(Exists(outside))
    groups = Area.objects.filter(level=Level.RESIDENTIAL_GROUP, parent__in=wards.values("pk"))
    if groups_of is not None and (ids is None or len(ids) > 1):
        ward = groups_of.parent_id if groups_of.level == Level.RESIDENTIAL_GROUP else groups_of.pk
        groups = groups.filter(parent_id=ward)
    return Area.objects.filter(
        Q(pk__in=wards.values("pk")) | Q(pk__in=provinces.values("pk")) | Q(pk__in=groups)
    ).order_by("path")


ABOVE_WARD = (Level.PROVINCE, Level.DISTRICT)


@login_required
@require_GET
def movements_xlsx_view(request):
    """The table of the page's area and period; above a ward, with a sheet per ward."""
    form = MovementForm(request.GET, areas=_movement_areas(request.user))
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    area, start, end = data["area"], data["start"], data["end"]
    with translation.override("vi"):  # an administrative document is Vietnamese
        table = movement_table(request.user, area, start, end)
        wards = ward_tables(request.user, area, start, end) if area.level in ABOVE_WARD else None
        labels = Labels(groups=GROUP_LABELS, columns=COLUMN_LABELS)
        content = movements_workbook(table, labels, wards)
    name = ascii_filename(f"bien dong ho ngheo {area.name} {start:%Y-%m-%d} {end:%Y-%m-%d}", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)
