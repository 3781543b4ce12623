"""Reads of the residential groups' meetings: which groups a round's list spans, and the
meeting that passed each one."""

from dataclasses import dataclass

from areas.models import Area

from ..models import CommunityMeeting, ReviewRound


def round_groups(review: ReviewRound) -> dict[int | None, list[int]]:
    """Residential group id (None: no group) → the round's households in it."""
    groups: dict[int | None, list[int]] = {}
    rows = review.items.values_list("household__residential_group_id", "household_id")
    for group_id, household_id in rows.order_by("household_id"):
        groups.setdefault(group_id, []).append(household_id)
    return groups


@dataclass(frozen=True)
class GroupProgress:
    """A residential group of the round (None: the households without one) and its vote."""

    group: Area | None
    households: int
    passed: CommunityMeeting | None


def meeting_progress(review: ReviewRound) -> list[GroupProgress]:
    """Each group with households on the list, by code, and the meeting that passed it."""
    groups = round_groups(review)
    areas = Area.objects.in_bulk([pk for pk in groups if pk is not None])
    passed = {m.residential_group_id: m for m in review.meetings.filter(passed=True)}
    if len(groups) == 1 and passed:  # the single meeting of a ward with one group
        passed = {next(iter(groups)): next(iter(passed.values()))}
    rows = [GroupProgress(areas.get(pk), len(ids), passed.get(pk)) for pk, ids in groups.items()]
    return sorted(rows, key=lambda r: (r.group is None, r.group.code if r.group else ""))
