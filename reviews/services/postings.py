"""The public posting of the list (QĐ 24/2021 Điều 4 khoản 4): its period in working days,
the complaints received and their answers, and the decision's date that follows them."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from areas.models import Holiday

from .. import rules
from ..models import PostingComplaint, ReviewRound, ReviewStage, ReviewTimeLimit
from .guards import ReviewError, check_stage, check_writable


def _holidays(start: date, end: date) -> frozenset[date]:
    days = Holiday.objects.filter(day__range=(start, end)).values_list("day", flat=True)
    return frozenset(days)


def _posting_limit() -> int:
    """The posting's working days: the editable row, created with its unconfirmed default
    (as migration 0005 seeds it) where a database lacks it."""
    limit, _created = ReviewTimeLimit.objects.get_or_create(
        step=ReviewTimeLimit.POSTING, defaults=ReviewTimeLimit.POSTING_DEFAULT
    )
    return limit.working_days


@transaction.atomic
def posting_record(
    *, user, review: ReviewRound, posting_from: date, posting_to: date, place: str, complaints: str
) -> None:
    """Record the public posting: at least the set number of working days (3 by default),
    from the day of the meeting that passed the list (QĐ 24/2021 Điều 4 khoản 4)."""
    check_writable(user, review)
    check_stage(review, ReviewStage.POSTING)
    if posting_to < posting_from:
        raise ReviewError(_("Ngày kết thúc niêm yết phải sau ngày bắt đầu."))
    met = review.meetings.filter(passed=True).order_by("-held_on").first()
    if met and posting_from < met.held_on:
        raise ReviewError(
            _("Niêm yết phải bắt đầu từ ngày họp dân thông qua danh sách (%(d)s) trở đi.")
            % {"d": met.held_on.strftime("%d/%m/%Y")}
        )
    limit = _posting_limit()
    days = rules.posting_working_days(posting_from, posting_to, _holidays(posting_from, posting_to))
    if days < limit:
        raise ReviewError(
            _(
                "Niêm yết công khai ít nhất %(n)d ngày làm việc: từ %(a)s đến %(b)s chỉ có "
                "%(k)d ngày làm việc (không kể thứ Bảy, Chủ nhật và ngày lễ)."
            )
            % {
                "n": limit,
                "k": days,
                "a": f"{posting_from:%d/%m/%Y}",
                "b": f"{posting_to:%d/%m/%Y}",
            }
        )
    outside = review.posting_complaints.exclude(received_on__range=(posting_from, posting_to))
    if outside.exists():
        raise ReviewError(
            _("Có khiếu nại nhận ngoài thời gian niêm yết mới: hãy kiểm tra lại các ngày.")
        )
    ReviewRound.objects.filter(pk=review.pk).update(
        posting_from=posting_from, posting_to=posting_to, posting_place=place, complaints=complaints
    )


@transaction.atomic
def posting_complaint_record(
    *, user, review: ReviewRound, received_on: date, complainant: str, content: str
) -> PostingComplaint:
    """Record a complaint or request for re-check received during the posting."""
    check_writable(user, review)
    ReviewRound.objects.select_for_update().filter(pk=review.pk).first()
    check_stage(review, ReviewStage.POSTING)
    review.refresh_from_db(fields=["posting_from", "posting_to"])
    if review.posting_from is None:
        raise ReviewError(_("Hãy ghi thời gian niêm yết trước khi ghi khiếu nại."))
    if not review.posting_from <= received_on <= review.posting_to:
        raise ReviewError(
            _("Khiếu nại ghi ở đây là khiếu nại nhận trong thời gian niêm yết, từ %(a)s đến %(b)s.")
            % {"a": f"{review.posting_from:%d/%m/%Y}", "b": f"{review.posting_to:%d/%m/%Y}"}
        )
    return PostingComplaint.objects.create(
        review_round=review,
        received_on=received_on,
        complainant=complainant,
        content=content,
        created_by=user,
    )


@transaction.atomic
def posting_complaint_answer(
    *, user, complaint: PostingComplaint, answer: str, answered_on: date
) -> None:
    """Record how a complaint was settled: the decision waits for every answer."""
    check_writable(user, complaint.review_round)
    check_stage(complaint.review_round, ReviewStage.POSTING)
    if answered_on < complaint.received_on:
        raise ReviewError(
            _("Ngày trả lời không thể trước ngày nhận khiếu nại (%(d)s).")
            % {"d": f"{complaint.received_on:%d/%m/%Y}"}
        )
    if not answer.strip():
        raise ReviewError(_("Hãy ghi kết quả giải quyết khiếu nại."))
    PostingComplaint.objects.filter(pk=complaint.pk).update(
        answer=answer.strip(), answered_on=answered_on
    )


def check_decision_date(review: ReviewRound, decided_on: date) -> None:
    """The decision comes after the posting's last day and after every complaint received
    during the posting is answered (QĐ 24/2021 Điều 4 khoản 4–5)."""
    # Locked: a complaint recorded meanwhile waits for this decision, then finds it decided.
    rounds = ReviewRound.objects.select_for_update()
    current = rounds.filter(pk=review.pk, stage=ReviewStage.POSTING).first()
    if current is None or current.posting_to is None:
        return  # the claim below refuses it
    if decided_on <= current.posting_to:
        raise ReviewError(
            _("Ngày quyết định phải sau ngày kết thúc niêm yết (%(d)s).")
            % {"d": f"{current.posting_to:%d/%m/%Y}"}
        )
    complaints = current.posting_complaints.all()
    open_ = complaints.filter(answered_on__isnull=True).count()
    if open_:
        raise ReviewError(
            _("Còn %(n)d khiếu nại trong thời gian niêm yết chưa được trả lời.") % {"n": open_}
        )
    last = complaints.order_by("-answered_on").values_list("answered_on", flat=True).first()
    if last and decided_on < last:
        raise ReviewError(
            _("Ngày quyết định không thể trước ngày trả lời khiếu nại cuối cùng (%(d)s).")
            % {"d": f"{last:%d/%m/%Y}"}
        )
