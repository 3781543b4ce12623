"""The household event pages as the browser uses them: their URLs and the posts."""

from django.urls import reverse

from households.models import Household, Membership

from .family import DAY

# Every event page of a household, by URL name.
EVENT_PAGES = [
    "member_join",
    "member_join_found",
    "member_leave",
    "head_change",
    "split",
    "merge",
    "relocate",
    "move_out",
    "dissolve",
]


def page(name: str, household, **query) -> str:
    url = reverse(f"households:{name}", args=[household.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def event(**values) -> dict:
    """The fields every event form has: the day (DAY) and a note."""
    return {"on": f"{DAY:%d/%m/%Y}", "note": "Theo đơn của gia đình"} | values


def snapshot() -> tuple:
    """Every membership and household as stored: unchanged when a post writes nothing."""
    memberships = Membership.objects.order_by("pk").values_list(
        "pk", "household_id", "relation_to_head", "started_on", "ended_on"
    )
    households = Household.objects.order_by("pk").values_list(
        "pk", "code", "closed_on", "changed_on", "version", "address", "residential_group_id"
    )
    return list(memberships), list(households)
