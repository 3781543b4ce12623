"""Forms of the household events: they validate and convert (a member chosen by id becomes
the person, a ward by id the ward); the services write. Each is built on the household and
its current members."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from areas.models import Area, Level
from areas.queries import vietnamese_order
from ui.fields import DATE_WIDGET, TextField
from vn.names import clean_name

from ..models import Joined, Left, Relation
from ..services import PERSON_FIELDS
from .register import CHOOSE, MemberForm

HEAD = Relation.HEAD
NOT_HEAD = [c for c in Relation.choices if c[0] != HEAD]


def _choices(enum, *values) -> list[tuple[str, str]]:
    return [(v, enum(v).label) for v in values]


def group_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=gettext_lazy("Tổ dân phố, khóm, ấp"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("— Không thuộc tổ nào —"),
    )


def note_field() -> forms.CharField:
    return TextField(
        label=gettext_lazy("Ghi chú (lý do, giấy tờ kèm theo)"), max_length=255, required=False
    )


def groups_of(ward_ids):
    return Area.objects.filter(
        parent_id__in=ward_ids, level=Level.RESIDENTIAL_GROUP, is_active=True
    ).order_by(vietnamese_order("name"))


class EventForm(forms.Form):
    """The day of the event and its note; `members` are the household's open memberships
    with their person. Per-member fields (`row_fields`) are shown as a table."""

    on = forms.DateField(label=gettext_lazy("Ngày"), widget=DATE_WIDGET, initial=timezone.localdate)
    note = note_field()
    row_columns: tuple = ()

    def __init__(self, data=None, *, household, members, **kwargs):
        super().__init__(data, **kwargs)
        self.household, self.members = household, members
        self.people = {m.person_id: m.person for m in members}
        self.current = {m.person_id: m.relation_to_head for m in members}
        self._rows: list[tuple] = []

    def order_last(self) -> None:
        """Show the day and the note after the event's own fields."""
        self.order_fields([f for f in self.fields if f not in ("on", "note")] + ["on", "note"])

    def clean_on(self):
        day = self.cleaned_data["on"]
        if day > timezone.localdate():
            raise ValidationError(_("Ngày này chưa đến."))
        return day

    def member_choices(self) -> list[tuple[int, str]]:
        return [
            (m.person_id, f"{m.person.full_name} ({m.get_relation_to_head_display()})")
            for m in self.members
        ]

    def add_row_fields(self, m, **fields: forms.Field) -> None:
        """The fields of one member's row, named `<key>_<person id>`, one per column."""
        row = []
        for (key, field), column in zip(fields.items(), self.row_columns, strict=True):
            field.widget.attrs["aria-label"] = f"{m.person.full_name}: {column}"
            self.fields[f"{key}_{m.person_id}"] = field
            row.append((column, f"{key}_{m.person_id}"))
        self._rows.append((m, row))

    @property
    def member_rows(self) -> list[tuple]:
        """Each member with the (column, bound field) pairs of their row."""
        return [(m, [(column, self[name]) for column, name in row]) for m, row in self._rows]

    @property
    def row_fields(self) -> set[str]:
        return {name for _m, row in self._rows for _column, name in row}

    def _relations(self, prefix: str) -> dict[int, str]:
        return {pk: self.cleaned_data.get(f"{prefix}_{pk}", "") for pk in self.people}


class JoinForm(EventForm, MemberForm):
    """A person new to the register joins: the member form's fields and checks."""

    id = deceased_on = moved_out_on = None
    reason = forms.ChoiceField(
        label=gettext_lazy("Lý do vào hộ"),
        choices=[CHOOSE, *_choices(Joined, Joined.BIRTH, Joined.MARRIAGE, Joined.MOVED_IN)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_last()


def new_person_values(data: dict) -> dict:
    """The person fields of a valid JoinForm, as member_join records them."""
    return {f: data.get(f) for f in PERSON_FIELDS if f not in ("deceased_on", "moved_out_on")}


def national_id_typed(text: str) -> str:
    """The 12 digits of a national ID as typed with spaces or dots, else ""."""
    digits = re.sub(r"[\s.]", "", text or "")
    return digits if re.fullmatch(r"\d{12}", digits) else ""


class JoinFoundForm(EventForm):
    """A person already in the register (`found` by their national ID) joins."""

    national_id = TextField(widget=forms.HiddenInput)
    relation = forms.ChoiceField(
        label=gettext_lazy("Quan hệ với chủ hộ"), choices=[CHOOSE, *Relation.choices]
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Lý do vào hộ"),
        choices=[CHOOSE, *_choices(Joined, Joined.MARRIAGE, Joined.MOVED_IN)],
    )

    def __init__(self, *args, found=None, searched="", **kwargs):
        super().__init__(*args, **kwargs)
        self.found, self.searched = found, searched
        self.fields["national_id"].initial = searched
        self.order_last()

    def clean(self):
        data = super().clean()
        if self.found is None:
            raise ValidationError(_("Không tìm thấy người có số định danh này trong sổ."))
        if self.found.pk in self.people:
            raise ValidationError(
                _("%(name)s đã là thành viên của hộ này.") % {"name": self.found.full_name}
            )
        data["person"] = self.found
        return data


class LeaveForm(EventForm):
    person = forms.TypedChoiceField(label=gettext_lazy("Người ra khỏi hộ"), coerce=int)
    reason = forms.ChoiceField(
        label=gettext_lazy("Lý do"),
        choices=[CHOOSE, *_choices(Left, Left.MOVED_AWAY, Left.MARRIAGE, Left.DIED)],
    )
    new_head = forms.TypedChoiceField(
        label=gettext_lazy("Chủ hộ mới (khi chủ hộ ra khỏi hộ)"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = self.member_choices()
        self.fields["person"].choices = [CHOOSE, *choices]
        self.fields["new_head"].choices = [("", _("— Không đổi —")), *choices]
        self.order_last()

    def clean(self):
        data = super().clean()
        pk, new_head = data.get("person"), data.get("new_head")
        if pk is None:
            return data
        data["person"] = self.people[pk]
        if new_head is not None:
            if self.current[pk] != HEAD:
                self.add_error("new_head", _("Chỉ chọn chủ hộ mới khi chủ hộ ra khỏi hộ."))
            elif new_head == pk:
                self.add_error("new_head", _("Chủ hộ mới phải là người ở lại."))
        data["new_head"] = self.people.get(new_head) if new_head else None
        return data


def _relation_field(choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=gettext_lazy("Quan hệ"), choices=choices, **kwargs)


class HeadForm(EventForm):
    """Every member's relation from the day: one of them the new head."""

    row_columns = (gettext_lazy("Quan hệ với chủ hộ mới"),)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for m in self.members:
            self.add_row_fields(
                m, relation=_relation_field(Relation.choices, initial=m.relation_to_head)
            )
        self.order_last()

    def clean(self):
        data = super().clean()
        relations = self._relations("relation")
        heads = [pk for pk, r in relations.items() if r == HEAD]
        if len(heads) != 1:
            raise ValidationError(_("Chọn đúng một chủ hộ."))
        if self.current[heads[0]] == HEAD:
            raise ValidationError(_("Chọn một người khác làm chủ hộ."))
        data["relations"] = {pk: r for pk, r in relations.items() if r != self.current[pk]}
        return data


class SplitForm(EventForm):
    """Who forms the new household (their relation in it) and the relations of those who
    stay; the new household's code, group and address."""

    row_columns = (
        gettext_lazy("Sang hộ mới, với quan hệ"),
        gettext_lazy("Nếu ở lại: quan hệ với chủ hộ"),
    )
    code = TextField(label=gettext_lazy("Mã hộ mới"), max_length=30)
    residential_group = group_field()
    address = TextField(label=gettext_lazy("Địa chỉ"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residential_group"].queryset = groups_of([self.household.ward_id])
        self.fields["residential_group"].initial = self.household.residential_group_id
        stays = [("", _("— Ở lại hộ này —")), *Relation.choices]
        for m in self.members:
            self.add_row_fields(
                m,
                goes=_relation_field(stays, required=False),
                stays=_relation_field(Relation.choices, initial=m.relation_to_head),
            )
        self.order_last()

    def clean_code(self):
        return clean_name(self.cleaned_data["code"]).upper()

    def clean(self):
        data = super().clean()
        goes = {pk: r for pk, r in self._relations("goes").items() if r}
        stays = {pk: r for pk, r in self._relations("stays").items() if pk not in goes}
        if not goes or not stays:
            raise ValidationError(_("Chọn những người tách ra; ít nhất một người ở lại hộ cũ."))
        if list(goes.values()).count(HEAD) != 1:
            raise ValidationError(_("Hộ mới cần đúng một chủ hộ."))
        if list(stays.values()).count(HEAD) != 1:
            raise ValidationError(
                _("Những người ở lại cần đúng một chủ hộ (chọn chủ hộ mới nếu chủ hộ tách đi).")
            )
        data["relations"] = goes
        data["staying"] = {pk: r for pk, r in stays.items() if r != self.current[pk]}
        return data


class MergeForm(EventForm):
    """The household of the same ward whose members all join this one (`other`, found by
    its code), with each arriving member's relation to this household's head."""

    row_columns = (gettext_lazy("Quan hệ với chủ hộ này"),)
    code = TextField(widget=forms.HiddenInput)

    def __init__(self, *args, other=None, other_members=(), searched="", **kwargs):
        super().__init__(*args, **kwargs)
        self.other, self.searched = other, searched
        self.fields["code"].initial = searched
        self.arriving = list(other_members)
        for m in self.arriving:
            self.add_row_fields(m, relation=_relation_field([CHOOSE, *NOT_HEAD]))
        self.order_last()

    def clean(self):
        data = super().clean()
        if self.other is None:
            raise ValidationError(_("Không tìm thấy hộ có mã này đang còn trong xã, phường."))
        data["other"] = self.other
        data["relations"] = {
            m.person_id: data.get(f"relation_{m.person_id}") for m in self.arriving
        }
        return data


class RelocateForm(EventForm):
    residential_group = group_field()
    address = TextField(label=gettext_lazy("Địa chỉ mới"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["residential_group"].queryset = groups_of([self.household.ward_id])
        self.fields["residential_group"].initial = self.household.residential_group_id
        self.fields["address"].initial = self.household.address
        self.order_last()


def _province_of(ward: Area) -> str:
    """The path of the ward's province (the first code of its path)."""
    return "/" + ward.path.strip("/").split("/")[0] + "/"


class MoveOutForm(EventForm):
    """The ward the whole household moves to, if known: a province, then one of its
    wards (`province` set from the query string when the province is changed)."""

    province = forms.ModelChoiceField(
        label=gettext_lazy("Tỉnh, thành phố chuyển đến"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=gettext_lazy("— Chưa rõ —"),
    )
    to_ward = forms.TypedChoiceField(
        label=gettext_lazy("Xã, phường chuyển đến"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, province=None, refresh_url="", **kwargs):
        super().__init__(*args, **kwargs)
        provinces = Area.objects.filter(level=Level.PROVINCE).order_by(vietnamese_order("name"))
        field = self.fields["province"]
        field.queryset = provinces
        # Choosing a province reloads the page's ward list (htmx), not the form.
        field.widget.attrs.update(
            {
                "hx-get": refresh_url,
                "hx-target": ".f-to_ward",
                "hx-select": ".f-to_ward",
                "hx-swap": "outerHTML",
            }
        )
        own = provinces.filter(path=_province_of(self.household.ward)).first()
        field.initial = own.pk if own else None
        if self.is_bound or province is not None:
            typed = self.data.get("province") if self.is_bound else province
            chosen = provinces.filter(pk=typed).first() if str(typed).isdigit() else None
            field.initial = chosen.pk if chosen else None
        else:
            chosen = own
        self.wards = self._wards(chosen)
        self.fields["to_ward"].choices = [("", _("— Chưa rõ —")), *self.wards.items()]
        self.order_last()

    def _wards(self, province) -> dict[int, str]:
        if province is None:
            return {}
        wards = (
            Area.objects.filter(path__startswith=province.path, level=Level.WARD, is_active=True)
            .exclude(pk=self.household.ward_id)
            .order_by(vietnamese_order("name"))
        )
        return dict(wards.values_list("pk", "name"))

    def clean(self):
        data = super().clean()
        pk = data.get("to_ward")
        data["to_ward"] = Area.objects.get(pk=pk) if pk else None
        return data


class DissolveForm(EventForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_last()
