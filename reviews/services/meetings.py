"""The meetings of the residential groups (QĐ 24/2021 Điều 4 khoản 3): each group's head
chairs the meeting of its households; the list is posted once every group has passed it."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .. import rules
from ..models import CommunityMeeting, ReviewRound, ReviewStage
from ..queries.meetings import round_groups
from .guards import ReviewError, check_stage, check_writable


def _meeting_group(review: ReviewRound, groups: dict, residential_group) -> int | None:
    """The group whose meeting this is: the only one of a ward with a single group, else the
    one chosen, which must have households in the round and no passed meeting yet."""
    if len(groups) <= 1:
        return next(iter(groups), None)
    group_id = residential_group.pk if residential_group else None
    if group_id not in groups:
        raise ReviewError(
            _("Danh sách có hộ ở %(n)d khóm, ấp, tổ dân phố: hãy chọn tổ có hộ trong danh sách.")
            % {"n": len(groups)}
        )
    if review.meetings.filter(residential_group_id=group_id, passed=True).exists():
        raise ReviewError(_("Cuộc họp của tổ này đã thông qua danh sách."))
    return group_id


@transaction.atomic
def meeting_record(
    *,
    user,
    review: ReviewRound,
    held_on: date,
    attendance: int,
    agreed: int,
    residential_group=None,
    place: str = "",
    chaired_by: str = "",
    notes: str = "",
) -> CommunityMeeting:
    """Record a residential group's meeting (the ward's one, without groups); once every
    group with households on the list has passed it, with at least half of those present
    agreeing, the list goes to public posting (QĐ 24/2021 Điều 4 khoản 3)."""
    check_writable(user, review)
    # One meeting at a time per round: two groups passing at once both see the other's vote.
    ReviewRound.objects.select_for_update().filter(pk=review.pk).first()
    check_stage(review, ReviewStage.ASSESSING)
    if agreed > attendance:
        raise ReviewError(_("Số người đồng ý không thể nhiều hơn số người dự họp."))
    groups = round_groups(review)
    if not groups:
        raise ReviewError(_("Danh sách rà soát chưa có hộ nào."))
    group_id = _meeting_group(review, groups, residential_group)
    assessed = set(review.assessments.values_list("household_id", flat=True))
    waiting = sum(1 for pk in groups[group_id] if pk not in assessed)
    if waiting:
        raise ReviewError(
            _("Còn %(n)d hộ chưa có phiếu đánh giá: chưa họp dân được.") % {"n": waiting}
        )
    meeting = CommunityMeeting.objects.create(
        review_round=review,
        residential_group_id=group_id,
        held_on=held_on,
        attendance=attendance,
        agreed=agreed,
        place=place,
        chaired_by=chaired_by,
        notes=notes,
        passed=rules.meeting_agrees(attendance, agreed),
        created_by=user,
    )
    passed = set(review.meetings.filter(passed=True).values_list("residential_group_id", flat=True))
    if meeting.passed and (len(groups) == 1 or passed >= set(groups)):
        ReviewRound.objects.filter(pk=review.pk).update(stage=ReviewStage.POSTING)
    return meeting


def check_group_open(review: ReviewRound, household) -> None:
    """Refuse a change to the list of a group whose meeting has already passed it: the
    meeting voted on the list as it stood."""
    group_id = household.residential_group_id
    if review.meetings.filter(residential_group_id=group_id, passed=True).exists():
        raise ReviewError(
            _("Danh sách của %(g)s đã được họp dân thông qua: không thay đổi được nữa.")
            % {"g": household.residential_group.name if group_id else _("các hộ chưa ghi tổ")}
        )
