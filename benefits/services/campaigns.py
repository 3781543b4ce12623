"""Writes of a gift campaign: create it, make its list from the register (again as often as
needed: what the officer added or removed, and every gift handed out, stays), adjust the
list with a reason, record a hand-out once, close the campaign."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from areas.scope import can_write_ward
from households.models import Membership, Person
from ui.bulk import insert_rows

from ..models import Campaign, CampaignGroup, CampaignRecipient
from ..queries.campaigns import campaign_candidates


class CampaignError(Exception):
    """A campaign step refused for a reason the user can act on; the message is Vietnamese."""


def _check_writable(user, campaign: Campaign) -> None:
    if user is not None and not can_write_ward(user, campaign.ward_id):
        raise CampaignError(_("Bạn không có quyền thực hiện đợt tặng quà của xã, phường này."))


def _check_open(campaign: Campaign) -> None:
    if campaign.status == Campaign.Status.CLOSED:
        raise CampaignError(_("Đợt đã kết thúc: danh sách không thay đổi nữa."))


def campaign_create(*, user, groups: list[dict], **fields) -> Campaign:
    """A campaign with its groups (CampaignGroup fields; residential_groups a list)."""
    campaign = Campaign(created_by=user, **fields)
    _check_writable(user, campaign)
    if not groups:
        raise CampaignError(_("Hãy chọn ít nhất một nhóm được tặng."))
    with transaction.atomic():
        campaign.save()
        for order, values in enumerate(groups):
            places = values.pop("residential_groups", [])
            group = CampaignGroup.objects.create(campaign=campaign, order=order, **values)
            group.residential_groups.set(places)
    return campaign


# The columns of a selected recipient (ui.bulk: COPY, no model instances: a province's Tết
# list is tens of thousands of rows), then the values of those a selection leaves empty.
RECIPIENT_COLUMNS = (
    "campaign_id",
    "group_id",
    "person_id",
    "household_id",
    "milestone",
    "reason",
    "cash",
    "goods",
    "goods_value",
    "source",
    "note",
    "removed_reason",
    "received_by",
)
NEW_ROW = (CampaignRecipient.Source.SELECTED, "", "", "")


@transaction.atomic
def campaign_select(*, user, campaign: Campaign) -> dict[str, int]:
    """Make (or make again) the list from the groups' rules, as the register stands on the
    ceremony day. Returns the counts added, kept and taken out."""
    _check_writable(user, campaign)
    campaign = Campaign.objects.select_for_update().select_related("ward").get(pk=campaign.pk)
    _check_open(campaign)
    found = {(c.person_id, c.group.pk): c for c in campaign_candidates(campaign)}
    rows = {(r.person_id, r.group_id): r for r in campaign.recipients.all()}
    stale = [
        r.pk
        for key, r in rows.items()
        if key not in found
        and r.source == CampaignRecipient.Source.SELECTED
        and not r.received_on
        and not r.removed_at
    ]
    CampaignRecipient.objects.filter(pk__in=stale).delete()
    new, changed = [], []
    for key, c in found.items():
        row = rows.get(key)
        if row is None:
            new.append(
                (
                    campaign.pk,
                    c.group.pk,
                    c.person_id,
                    c.household_id,
                    c.milestone,
                    c.reason[:200],
                    c.cash,
                    c.goods,
                    c.goods_value,
                    *NEW_ROW,
                )
            )
        elif not row.received_on and (row.cash, row.goods, row.goods_value) != (
            c.cash,
            c.goods,
            c.goods_value,
        ):  # a gift not handed out yet follows its group's
            row.cash, row.goods, row.goods_value = c.cash, c.goods, c.goods_value
            changed.append(row)
    insert_rows(CampaignRecipient, RECIPIENT_COLUMNS, new)
    CampaignRecipient.objects.bulk_update(changed, ["cash", "goods", "goods_value"])
    campaign.selected_at = timezone.now()
    campaign.save(update_fields=["selected_at"])
    return {"added": len(new), "kept": len(found) - len(new), "removed": len(stale)}


def recipient_add(*, user, campaign: Campaign, person: Person, note: str) -> CampaignRecipient:
    """Put a person on the list by hand, with the reason; the gift of the campaign's first
    group. Only a member of the ward on the ceremony day, once."""
    _check_writable(user, campaign)
    _check_open(campaign)
    if not note.strip():
        raise CampaignError(_("Hãy ghi lý do bổ sung."))
    day = campaign.ceremony_on
    membership = (
        Membership.objects.in_force_on(day)
        .filter(person=person, household__ward_id=campaign.ward_id)
        .first()
    )
    if membership is None or (person.deceased_on and person.deceased_on <= day):
        raise CampaignError(
            _("%(name)s không là nhân khẩu của xã, phường vào ngày %(d)s.")
            % {"name": person.full_name, "d": f"{day:%d/%m/%Y}"}
        )
    with transaction.atomic():
        existing = campaign.recipients.select_for_update().filter(person=person)
        if campaign.one_per_person and existing.filter(removed_at__isnull=True).exists():
            raise CampaignError(_("%(name)s đã có trong danh sách.") % {"name": person.full_name})
        removed = existing.filter(removed_at__isnull=False).first()
        if removed is not None:  # taken out before: back on the list, with the new reason
            removed.removed_at, removed.removed_reason, removed.removed_by = None, "", None
            removed.note, removed.added_by = note.strip()[:255], user
            removed.save()
            return removed
        group = campaign.groups.first()
        return CampaignRecipient.objects.create(
            campaign=campaign,
            group=None,
            person=person,
            household_id=membership.household_id,
            reason=_("Bổ sung"),
            cash=group.cash if group else 0,
            goods=group.goods if group else "",
            goods_value=group.goods_value if group else 0,
            source=CampaignRecipient.Source.ADDED,
            note=note.strip()[:255],
            added_by=user,
        )


def recipient_remove(*, user, recipient: CampaignRecipient, reason: str) -> None:
    """Take a person off the list, with the reason; kept so that making the list again does
    not put them back. A gift handed out cannot be taken back."""
    _check_writable(user, recipient.campaign)
    _check_open(recipient.campaign)
    if not reason.strip():
        raise CampaignError(_("Hãy ghi lý do đưa ra khỏi danh sách."))
    done = CampaignRecipient.objects.filter(
        pk=recipient.pk, received_on__isnull=True, removed_at__isnull=True
    ).update(removed_at=timezone.now(), removed_reason=reason.strip()[:255], removed_by=user)
    if not done:
        raise CampaignError(_("Người này đã nhận quà hoặc đã được đưa ra khỏi danh sách."))


def hand_out(
    *, user, recipient: CampaignRecipient, received_on: date, received_by: str = ""
) -> bool:
    """Record that the gift was received (by a relative when `received_by`). Recording it
    again changes nothing (False): one hand-out per gift."""
    _check_writable(user, recipient.campaign)
    if received_on > timezone.localdate():
        raise CampaignError(_("Ngày nhận không thể sau hôm nay."))
    done = CampaignRecipient.objects.filter(
        pk=recipient.pk, received_on__isnull=True, removed_at__isnull=True
    ).update(
        received_on=received_on,
        received_by=received_by.strip()[:200],
        handed_by=user,
        recorded_at=timezone.now(),
    )
    recipient.refresh_from_db()
    return bool(done)


def campaign_close(*, user, campaign: Campaign) -> bool:
    _check_writable(user, campaign)
    return bool(
        Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.OPEN).update(
            status=Campaign.Status.CLOSED
        )
    )
