"""Gift campaigns (tặng quà): the ward's campaigns, creating one with up to two groups, its
list by residential group with the adjustments and the hand-out, the ceremony list as
.xlsx and PDF (the forms in benefits/forms.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from areas.scope import can_write_ward
from beneficiaries.access import chosen_ward, get_ward_for_user
from ui.documents import XLSX_CONTENT_TYPE, document_response, file_response

from ..access import ward_person
from ..ceremony import ceremony_context, ceremony_filename, ceremony_workbook
from ..forms import AddForm, CampaignForm, GroupForm, HandOutForm, RemoveForm
from ..models import Campaign, CampaignRecipient, Funding
from ..services.campaigns import (
    CampaignError,
    campaign_close,
    campaign_create,
    campaign_select,
    hand_out,
    recipient_add,
    recipient_remove,
)


def _campaign(user, pk, *, write=False) -> Campaign:
    return get_object_or_404(
        Campaign.objects.visible_to(user, write=write).select_related("ward", "benefit_type"),
        pk=pk,
    )


@login_required
@require_GET
def campaign_list_view(request):
    """Tặng quà: the ward's campaigns with their counts and values, by funding source."""
    wards, ward = chosen_ward(request)
    campaigns = []
    if ward is not None:
        listed = Q(recipients__removed_at__isnull=True)
        campaigns = (
            Campaign.objects.visible_to(request.user)
            .filter(ward=ward)
            .annotate(
                listed=Count("recipients", filter=listed),
                received=Count(
                    "recipients", filter=listed & Q(recipients__received_on__isnull=False)
                ),
                cash=Sum("recipients__cash", filter=listed),
                goods_value=Sum("recipients__goods_value", filter=listed),
            )
        )
    context = {
        "ward": ward,
        "ward_options": wards if len(wards) > 1 else [],
        "campaigns": campaigns,
        "by_source": _by_source(campaigns),
        "can_write": ward is not None and can_write_ward(request.user, ward.pk),
    }
    return render(request, "benefits/campaign_list.html", context)


def _by_source(campaigns) -> list[dict]:
    labels = dict(Funding.choices)
    totals: dict[str, dict] = {}
    for c in campaigns:
        row = totals.setdefault(c.funding, {"source": labels.get(c.funding), "value": 0, "n": 0})
        row["value"] += (c.cash or 0) + (c.goods_value or 0)
        row["n"] += c.listed
    return list(totals.values())


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new_view(request, ward_pk):
    ward = get_ward_for_user(request.user, ward_pk)
    if not can_write_ward(request.user, ward.pk):
        raise Http404
    data = request.POST or None
    today = timezone.localdate()
    form = CampaignForm(data, initial={"ceremony_on": today, "age_on": "year"})
    groups = [GroupForm(data, ward=ward, prefix=f"g{n}") for n in (1, 2)]
    checked = [f.is_valid() for f in (form, *groups)]  # every form, so every error shows
    if data and all(checked):
        chosen = [g.group() for g in groups if g.group()]
        try:
            fields = form.cleaned_data
            campaign = campaign_create(
                user=request.user,
                groups=chosen,
                ward=ward,
                year=fields["ceremony_on"].year,
                **fields,
            )
        except CampaignError as e:
            form.add_error(None, str(e))
        else:
            campaign_select(user=request.user, campaign=campaign)
            messages.success(request, _("Đã tạo đợt và lập danh sách từ sổ hộ."))
            return redirect("benefits:campaign_detail", campaign.pk)
    context = {"ward": ward, "form": form, "groups": groups}
    return render(request, "benefits/campaign_form.html", context)


@login_required
@require_GET
def campaign_detail_view(request, pk):
    campaign = _campaign(request.user, pk)
    rows = campaign.recipients.select_related(
        "person", "household__residential_group", "removed_by"
    ).order_by("household__residential_group__name", "household__code", "person_id")
    listed = [r for r in rows if not r.removed]
    by_group: dict[str, list] = {}
    for r in listed:
        place = r.household.residential_group
        by_group.setdefault(place.name if place else _("Chưa gán tổ dân phố, khóm"), []).append(r)
    context = {
        "campaign": campaign,
        "groups": campaign.groups.all(),
        "places": by_group.items(),
        "removed": [r for r in rows if r.removed],
        "listed": len(listed),
        "received": sum(1 for r in listed if r.received_on),
        "cash": sum(r.cash for r in listed),
        "goods_value": sum(r.goods_value for r in listed),
        "can_write": can_write_ward(request.user, campaign.ward_id)
        and campaign.status == Campaign.Status.OPEN,
        "can_hand_out": can_write_ward(request.user, campaign.ward_id),
        "today": timezone.localdate(),
        "add_form": AddForm(),
    }
    return render(request, "benefits/campaign_detail.html", context)


def _done(request, campaign, call, success: str, again: str = ""):
    try:
        changed = call()
    except CampaignError as e:
        messages.error(request, str(e))
    else:
        if changed is False:
            messages.info(request, again)
        else:
            messages.success(request, success)
    return redirect("benefits:campaign_detail", campaign.pk)


def _refused(request, form, campaign):
    errors = [str(e) for field in form.errors.values() for e in field]
    messages.error(request, " ".join(errors))
    return redirect("benefits:campaign_detail", campaign.pk)


@login_required
@require_POST
def campaign_select_view(request, pk):
    campaign = _campaign(request.user, pk, write=True)
    try:
        counts = campaign_select(user=request.user, campaign=campaign)
    except CampaignError as e:
        messages.error(request, str(e))
    else:
        messages.success(
            request,
            _("Đã lập lại danh sách: thêm %(added)d, giữ %(kept)d, bỏ %(removed)d.") % counts,
        )
    return redirect("benefits:campaign_detail", campaign.pk)


@login_required
@require_POST
def campaign_close_view(request, pk):
    campaign = _campaign(request.user, pk, write=True)
    return _done(
        request,
        campaign,
        lambda: campaign_close(user=request.user, campaign=campaign),
        _("Đã kết thúc đợt: danh sách không thay đổi nữa."),
        _("Đợt đã kết thúc trước đó."),
    )


def _recipient(request, pk, recipient_pk) -> tuple[Campaign, CampaignRecipient]:
    campaign = _campaign(request.user, pk, write=True)
    return campaign, get_object_or_404(campaign.recipients, pk=recipient_pk)


@login_required
@require_POST
def recipient_remove_view(request, pk, recipient_pk):
    campaign, recipient = _recipient(request, pk, recipient_pk)
    form = RemoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, campaign)
    return _done(
        request,
        campaign,
        lambda: recipient_remove(
            user=request.user, recipient=recipient, reason=form.cleaned_data["reason"]
        ),
        _("Đã đưa %(name)s ra khỏi danh sách.") % {"name": recipient.person.full_name},
    )


@login_required
@require_POST
def recipient_add_view(request, pk):
    campaign = _campaign(request.user, pk, write=True)
    form = AddForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, campaign)
    try:
        person = ward_person(request.user, campaign.ward, form.cleaned_data["national_id"])
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
        return redirect("benefits:campaign_detail", campaign.pk)
    return _done(
        request,
        campaign,
        lambda: recipient_add(
            user=request.user, campaign=campaign, person=person, note=form.cleaned_data["note"]
        ),
        _("Đã bổ sung %(name)s vào danh sách.") % {"name": person.full_name},
    )


@login_required
@require_POST
def hand_out_view(request, pk, recipient_pk):
    campaign, recipient = _recipient(request, pk, recipient_pk)
    form = HandOutForm(request.POST)
    if not form.is_valid():
        return _refused(request, form, campaign)
    return _done(
        request,
        campaign,
        lambda: hand_out(user=request.user, recipient=recipient, **form.cleaned_data),
        _("Đã ghi nhận %(name)s nhận quà.") % {"name": recipient.person.full_name},
        _("Việc nhận quà đã được ghi trước đó."),
    )


@login_required
@require_GET
def ceremony_xlsx_view(request, pk):
    campaign = _campaign(request.user, pk)
    with translation.override("vi"):  # an administrative document is Vietnamese
        content = ceremony_workbook(campaign)
    return file_response(content, ceremony_filename(campaign, "xlsx"), XLSX_CONTENT_TYPE)


@login_required
@require_GET
def ceremony_pdf_view(request, pk):
    campaign = _campaign(request.user, pk)
    with translation.override("vi"):  # an administrative document is Vietnamese
        return document_response(
            request,
            "benefits/docs/ceremony_list.html",
            ceremony_context(campaign, today=timezone.localdate()),
            ceremony_filename(campaign, "pdf"),
        )
