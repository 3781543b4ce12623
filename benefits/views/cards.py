"""Thẻ BHYT of a ward: the coverage of the entitled per residential group, who should hold a
card and holds none, the cards running out, the list for the social insurance office, and
a card recorded for a person found by national ID."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from areas.queries import vietnamese_order, wards_visible_to
from areas.scope import can_write_ward
from beneficiaries.access import chosen_ward
from ui.documents import XLSX_CONTENT_TYPE, ascii_filename, file_response
from ui.fields import DATE_WIDGET, DateField, TextField

from .. import cards
from ..access import ward_person
from ..card_lists import social_insurance_workbook
from ..models import CardGround, HealthCard
from ..queries.cards import (
    coverage,
    expiring,
    lacking,
    province_card_summary,
    ward_card_rows,
)

WARNINGS = {
    "length": gettext_lazy("Mã thẻ BHYT thường có 15 ký tự."),
    "format": gettext_lazy(
        "Mã thẻ BHYT thường gồm 2 chữ cái, 1 chữ số mức hưởng (1–5), 2 chữ số mã tỉnh và "
        "10 chữ số mã số BHXH."
    ),
}


class CardForm(forms.Form):
    national_id = TextField(label=gettext_lazy("Số định danh"), max_length=20)
    number = TextField(label=gettext_lazy("Mã thẻ BHYT"), max_length=20)
    first_registration = TextField(label=gettext_lazy("Nơi đăng ký khám ban đầu"), max_length=200)
    valid_from = DateField(label=gettext_lazy("Giá trị từ ngày"), widget=DATE_WIDGET)
    valid_to = DateField(label=gettext_lazy("Giá trị đến ngày"), widget=DATE_WIDGET)
    keep = forms.BooleanField(
        label=gettext_lazy("Vẫn lưu mã thẻ như đã nhập (khi mã khác dạng thường gặp)"),
        required=False,
    )

    def __init__(self, *args, ward, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.ward, self.user = ward, user

    def clean_national_id(self):
        return ward_person(self.user, self.ward, self.cleaned_data["national_id"])

    def clean_number(self):
        return "".join(self.cleaned_data["number"].split()).upper()

    def clean(self):
        data = super().clean()
        if (
            data.get("valid_from")
            and data.get("valid_to")
            and data["valid_to"] < data["valid_from"]
        ):
            self.add_error("valid_to", _("Ngày hết hạn phải sau ngày bắt đầu."))
        warnings = cards.number_warnings(data.get("number", ""))
        if warnings and not data.get("keep"):  # soft: the officer may keep it as printed
            text = " ".join(str(WARNINGS[w]) for w in warnings)
            self.add_error("number", text + " " + _("Kiểm tra lại, hoặc chọn giữ nguyên."))
        return data


def _cells(c) -> list[tuple[int, int, float | None]]:
    """(covered, entitled, share) per ground in cards.ORDER, then for all grounds."""
    cells = [(c.covered[g], c.entitled[g], c.share(g)) for g in cards.ORDER]
    total = (sum(c.covered.values()), sum(c.entitled.values()), c.share())
    return [*cells, total]


@login_required
@require_http_methods(["GET", "POST"])
def cards_view(request):
    wards, ward = chosen_ward(request)
    can_write = ward is not None and can_write_ward(request.user, ward.pk)
    form = None
    if ward is not None and can_write:
        form = CardForm(request.POST or None, ward=ward, user=request.user)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            HealthCard.objects.create(
                person=data["national_id"],
                number=data["number"],
                group_code=data["number"][:2],
                first_registration=data["first_registration"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                recorded_by=request.user,
            )
            messages.success(
                request, _("Đã ghi thẻ BHYT của %(name)s.") % {"name": data["national_id"]}
            )
            return redirect(f"{request.path}?ward={ward.pk}")
    elif request.method == "POST":
        raise Http404
    context = {"ward": ward, "ward_options": wards if len(wards) > 1 else [], "form": form}
    if ward is not None:
        today = timezone.localdate()
        rows = ward_card_rows(ward.pk, ward.parent_id, today)
        groups, whole = coverage(rows, ward.name)
        context |= {
            "today": today,
            "lacking": lacking(rows),
            "expiring": expiring(rows, today),
            "coverage": [(c.name, _cells(c)) for c in groups],
            "whole": (whole.name, _cells(whole)),
            "grounds": [(g, CardGround(g).label) for g in cards.ORDER],
        }
    return render(request, "benefits/cards.html", context)


@login_required
@require_GET
def cards_xlsx_view(request):
    _wards, ward = chosen_ward(request)
    if ward is None:
        raise Http404
    today = timezone.localdate()
    rows = lacking(ward_card_rows(ward.pk, ward.parent_id, today))
    with translation.override("vi"):  # an administrative document is Vietnamese
        content = social_insurance_workbook(ward, rows, today)
        name = ascii_filename(f"de nghi cap the bhyt {ward.name} {today:%Y-%m-%d}", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)


@login_required
@require_GET
def cards_province_view(request):
    """Every ward in scope: poor and near-poor members and protected persons holding a card
    valid today, the plans' "100 %"."""
    today = timezone.localdate()
    wards = wards_visible_to(request.user).order_by(vietnamese_order("name"))
    summary = province_card_summary(wards, today)
    groups = (cards.POOR, cards.NEAR_POOR, cards.PROTECTED)
    labels = [CardGround(g).label for g in groups]
    rows = [(w, [(w.covered[g], w.entitled[g], w.share(g)) for g in groups]) for w in summary]
    totals = [
        (sum(w.covered[g] for w in summary), sum(w.entitled[g] for w in summary)) for g in groups
    ]
    totals = [(c, e, c / e if e else None) for c, e in totals]
    context = {"today": today, "labels": labels, "rows": rows, "totals": totals}
    return render(request, "benefits/cards_province.html", context)
