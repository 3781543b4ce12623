"""The error of the review's writes, and the checks each of them makes first."""

from django.utils.translation import gettext as _

from areas.scope import can_write_ward

from ..models import ReviewRound, ReviewStage


class ReviewError(Exception):
    """A review step refused for a reason the user can act on; the message is Vietnamese."""


def check_writable(user, review_or_ward_id) -> None:
    """Refuse a user who may not write the ward's data."""
    ward_id = getattr(review_or_ward_id, "ward_id", review_or_ward_id)
    if not can_write_ward(user, ward_id):
        raise ReviewError(_("Bạn không có quyền ghi dữ liệu của xã, phường này."))


def check_stage(review: ReviewRound, stage: str) -> None:
    """Refuse a step the round has left (or not reached), reading its stage afresh."""
    current = ReviewRound.objects.filter(pk=review.pk).values_list("stage", flat=True).first()
    if current != stage:
        raise ReviewError(
            _("Đợt rà soát đang ở bước “%(stage)s”: việc này không làm được nữa.")
            % {"stage": ReviewStage(current).label if current else ""}
        )
