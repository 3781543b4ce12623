"""The household events, each a page of the household: a person joins or leaves, the head
changes, a split, a merge, a move within the ward or away, dissolution. Each page shows a
small form, calls one service and goes back to the household's page, or shows its form
again with the service's refusal (nothing written)."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ui.steps import run_step

from ..access import get_household_for_user
from ..forms.events import (
    DissolveForm,
    HeadForm,
    JoinForm,
    JoinFoundForm,
    LeaveForm,
    MergeForm,
    MoveOutForm,
    RelocateForm,
    SplitForm,
    national_id_typed,
    new_person_values,
)
from ..models import Household
from ..queries import person_by_national_id
from ..services import (
    Event,
    RegisterError,
    head_change,
    household_dissolve,
    household_merge,
    household_move_out,
    household_relocate,
    household_split,
    member_join,
    member_leave,
)


@dataclass(frozen=True)
class Page:
    """An event's page: its title, form, button and the template showing them."""

    title: Promise
    form: type
    button: Promise
    hint: Promise | str = ""
    tone: str = "primary"
    template: str = "households/events/event.html"


JOIN = Page(
    gettext_lazy("Thêm người mới vào hộ"),
    JoinForm,
    gettext_lazy("Thêm vào hộ"),
    gettext_lazy("Người chưa có trong sổ (mới sinh, từ nơi khác đến chưa đăng ký ở đây)."),
    template="households/events/join.html",
)
JOIN_FOUND = Page(
    gettext_lazy("Nhận người đã có trong sổ vào hộ"),
    JoinFoundForm,
    gettext_lazy("Nhận vào hộ"),
    gettext_lazy("Người này ra khỏi hộ hiện tại từ ngày vào hộ này; hồ sơ của họ được giữ."),
    template="households/events/join_found.html",
)
LEAVE = Page(
    gettext_lazy("Ghi người ra khỏi hộ"),
    LeaveForm,
    gettext_lazy("Ghi ra khỏi hộ"),
    gettext_lazy(
        "Người đang hưởng trợ cấp xã hội qua đời: ghi từ trang hồ sơ trợ cấp để dừng chi trả."
    ),
    tone="danger",
)
HEAD = Page(gettext_lazy("Đổi chủ hộ"), HeadForm, gettext_lazy("Ghi đổi chủ hộ"))
SPLIT = Page(
    gettext_lazy("Tách hộ"),
    SplitForm,
    gettext_lazy("Tách hộ"),
    gettext_lazy("Chọn những người sang hộ mới và quan hệ của họ với chủ hộ mới."),
)
MERGE = Page(
    gettext_lazy("Nhập một hộ khác vào hộ này"),
    MergeForm,
    gettext_lazy("Nhập hộ"),
    gettext_lazy("Mọi thành viên của hộ kia vào hộ này; hộ kia được đóng sổ."),
    template="households/events/merge.html",
)
RELOCATE = Page(
    gettext_lazy("Chuyển chỗ ở trong xã, phường"), RelocateForm, gettext_lazy("Ghi chuyển chỗ ở")
)
MOVE_OUT = Page(
    gettext_lazy("Cả hộ chuyển đi xã, phường khác"),
    MoveOutForm,
    gettext_lazy("Ghi cả hộ chuyển đi"),
    gettext_lazy(
        "Hộ được đóng sổ ở đây; xã, phường nơi đến tiếp nhận hộ (tìm theo mã hộ hoặc số CCCD)."
    ),
    tone="danger",
)
DISSOLVE = Page(
    gettext_lazy("Đóng sổ hộ không còn thành viên"),
    DissolveForm,
    gettext_lazy("Đóng sổ hộ"),
    gettext_lazy("Chỉ khi mọi thành viên đã ra khỏi hộ (chuyển đi, qua đời)."),
    tone="danger",
)

# The household page's events menu: (URL name, label).
MENU = [
    ("households:member_join", gettext_lazy("Thêm người vào hộ")),
    ("households:member_leave", gettext_lazy("Người ra khỏi hộ")),
    ("households:head_change", gettext_lazy("Đổi chủ hộ")),
    ("households:split", gettext_lazy("Tách hộ")),
    ("households:merge", gettext_lazy("Nhập hộ")),
    ("households:relocate", gettext_lazy("Chuyển chỗ ở trong xã, phường")),
    ("households:move_out", gettext_lazy("Cả hộ chuyển đi")),
    ("households:dissolve", gettext_lazy("Đóng sổ hộ")),
]


def _event(request, data) -> Event:
    return Event(request.user, data["on"], data["note"])


def _event_page(request, pk, page: Page, run, lookup=None):
    """The event `page` of the household: its form, and on a valid post `run(household,
    cleaned_data)`, which calls the service and returns what to say. `lookup(household)`
    gives the form what the page looked up (a person, another household)."""
    household = get_household_for_user(request.user, pk, write=True)
    if household.closed_on:
        messages.error(
            request,
            _("Hộ %(code)s đã đóng sổ: không ghi thêm thay đổi.") % {"code": household.code},
        )
        return redirect("households:detail", pk=household.pk)
    members = list(household.memberships.open().select_related("person").order_by("person_id"))
    found = lookup(household) if lookup else {}
    kwargs = {"household": household, "members": members, **found}

    def show(form, status=200):
        context = {"household": household, "page": page, "form": form}
        return render(request, page.template, context, status=status)

    if request.method != "POST":
        return show(page.form(**kwargs))
    return run_step(
        request,
        page.form(request.POST, **kwargs),
        lambda data, _form: run(household, data),
        refused=RegisterError,
        done_url=reverse("households:detail", args=[household.pk]),
        show_again=lambda failed: show(failed, status=400),
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_join_view(request, pk):
    def run(household, data):
        person = member_join(
            _event(request, data),
            household=household,
            reason=data["reason"],
            relation=data["relation_to_head"],
            values=new_person_values(data),
        )
        return _("Đã thêm %(name)s vào hộ.") % {"name": person.full_name}

    return _event_page(request, pk, JOIN, run)


@login_required
@require_http_methods(["GET", "POST"])
def member_join_found_view(request, pk):
    def lookup(household):
        searched = (request.POST if request.method == "POST" else request.GET).get("national_id")
        digits = national_id_typed(searched)
        return {"found": person_by_national_id(digits), "searched": searched or ""}

    def run(household, data):
        member_join(
            _event(request, data),
            household=household,
            reason=data["reason"],
            relation=data["relation"],
            person=data["person"],
        )
        return _("Đã nhận %(name)s vào hộ.") % {"name": data["person"].full_name}

    return _event_page(request, pk, JOIN_FOUND, run, lookup)


@login_required
@require_http_methods(["GET", "POST"])
def member_leave_view(request, pk):
    def run(household, data):
        member_leave(
            _event(request, data),
            person=data["person"],
            reason=data["reason"],
            new_head=data["new_head"],
        )
        return _("Đã ghi %(name)s ra khỏi hộ.") % {"name": data["person"].full_name}

    return _event_page(request, pk, LEAVE, run)


@login_required
@require_http_methods(["GET", "POST"])
def head_change_view(request, pk):
    def run(household, data):
        head_change(_event(request, data), household=household, relations=data["relations"])
        return _("Đã ghi đổi chủ hộ.")

    return _event_page(request, pk, HEAD, run)


@login_required
@require_http_methods(["GET", "POST"])
def household_split_view(request, pk):
    def run(household, data):
        new = household_split(
            _event(request, data),
            household=household,
            relations=data["relations"],
            staying=data["staying"],
            code=data["code"],
            residential_group=data["residential_group"],
            address=data["address"],
        )
        return _("Đã tách hộ %(code)s.") % {"code": new.code}

    return _event_page(request, pk, SPLIT, run)


@login_required
@require_http_methods(["GET", "POST"])
def household_merge_view(request, pk):
    def lookup(household):
        searched = (request.POST if request.method == "POST" else request.GET).get("code", "")
        other = _same_ward_household(request.user, household, searched)
        members = other.memberships.open().select_related("person") if other else []
        return {"other": other, "other_members": members, "searched": searched}

    def run(household, data):
        household_merge(
            _event(request, data),
            household=household,
            other=data["other"],
            relations=data["relations"],
        )
        return _("Đã nhập hộ %(code)s vào hộ này.") % {"code": data["other"].code}

    return _event_page(request, pk, MERGE, run, lookup)


def _same_ward_household(user, household, code: str) -> Household | None:
    """Another open household of the same ward, by its code (as the user may write it)."""
    code = " ".join((code or "").split()).upper()
    if not code:
        return None
    return (
        Household.objects.visible_to(user, write=True)
        .open()
        .filter(ward_id=household.ward_id, code=code)
        .exclude(pk=household.pk)
        .first()
    )


@login_required
@require_http_methods(["GET", "POST"])
def household_relocate_view(request, pk):
    def run(household, data):
        household_relocate(
            _event(request, data),
            household=household,
            residential_group=data["residential_group"],
            address=data["address"],
        )
        return _("Đã ghi chuyển chỗ ở.")

    return _event_page(request, pk, RELOCATE, run)


@login_required
@require_http_methods(["GET", "POST"])
def household_move_out_view(request, pk):
    def lookup(household):
        found = {"refresh_url": request.path}
        if request.method == "GET":
            found["province"] = request.GET.get("province")
        return found

    def run(household, data):
        household_move_out(_event(request, data), household=household, to_ward=data["to_ward"])
        to = data["to_ward"].name if data["to_ward"] else _("xã, phường chưa rõ")
        return _("Đã ghi hộ %(code)s chuyển đến %(to)s.") % {"code": household.code, "to": to}

    return _event_page(request, pk, MOVE_OUT, run, lookup)


@login_required
@require_http_methods(["GET", "POST"])
def household_dissolve_view(request, pk):
    def run(household, data):
        household_dissolve(_event(request, data), household=household)
        return _("Đã đóng sổ hộ %(code)s.") % {"code": household.code}

    return _event_page(request, pk, DISSOLVE, run)
