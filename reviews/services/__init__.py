"""Writes of the poverty review (QĐ 24/2021): rounds, requests, assessments and the ward
chair's decision, which writes the statuses; the residential groups' meetings are in
`meetings`, the public posting and its complaints in `postings`."""

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from households import rules as register
from households.models import Household, HouseholdStatus
from households.services import households_reviewed, statuses_record

from .. import rules
from ..models import (
    Assessment,
    PovertyStandard,
    ReviewItem,
    ReviewKind,
    ReviewRound,
    ReviewSource,
    ReviewStage,
)
from ..queries import assessment_proposals, escaped_households, statuses_before
from .guards import ReviewError
from .guards import check_stage as _check_stage
from .guards import check_writable as _check_writable
from .meetings import check_group_open, meeting_record
from .postings import (
    check_decision_date,
    posting_complaint_answer,
    posting_complaint_record,
    posting_record,
)

# The steps' writes live in their own modules; they are named here too, for one import.
__all__ = [
    "ReviewError",
    "assessment_save",
    "meeting_record",
    "posting_complaint_answer",
    "posting_complaint_record",
    "posting_record",
    "review_request_add",
    "review_round_decide",
    "review_round_open",
]


@transaction.atomic
def review_round_open(
    *,
    user,
    ward,
    kind: str,
    year: int,
    month: int | None = None,
    standard: PovertyStandard | None = None,
    reference_date: date | None = None,
) -> ReviewRound:
    """Open a round; an annual one lists the ward's poor and near-poor households."""
    _check_writable(user, ward.pk)
    monthly = kind == ReviewKind.MONTHLY
    if monthly and not month:
        raise ReviewError(_("Rà soát thường xuyên cần ghi tháng."))
    # The annual review of a year decides the list of the next (QĐ 24/2021 Điều 4).
    result_year = year if monthly else year + 1
    standard = standard or PovertyStandard.objects.for_year(result_year, ward.parent)
    if standard is None:
        raise ReviewError(
            _("Chưa có chuẩn nghèo áp dụng cho năm %(y)d: quản trị viên cần thêm chuẩn nghèo.")
            % {"y": result_year}
        )
    reference = reference_date or timezone.localdate()
    month = month if monthly else None
    try:
        with transaction.atomic():
            review = ReviewRound.objects.create(
                ward=ward,
                kind=kind,
                year=year,
                month=month,
                result_year=result_year,
                standard=standard,
                reference_date=reference,
                created_by=user,
            )
    except IntegrityError:
        raise ReviewError(_("Đợt rà soát này đã được mở.")) from None
    if not monthly:
        current = statuses_before(Household.objects.filter(ward=ward), reference + timedelta(1))
        ReviewItem.objects.bulk_create(
            ReviewItem(review_round=review, household_id=pk, source=ReviewSource.REGISTER)
            for pk, classification in sorted(current.items())
            if classification in (rules.POOR, rules.NEAR_POOR)
        )
    else:
        # A household whose members or home changed since its review is looked at again
        # in the next monthly round: its classification follows the event by a decision.
        changed = Household.objects.filter(ward=ward).changed_since_review().order_by("pk")
        ReviewItem.objects.bulk_create(
            ReviewItem(review_round=review, household_id=pk, source=ReviewSource.CHANGED)
            for pk in changed.values_list("pk", flat=True)
        )
    return review


@transaction.atomic
def review_request_add(
    *, user, review: ReviewRound, household: Household, source: str, filed_on: date
) -> ReviewItem:
    """Put a household that filed Mẫu số 01 or 04 on the round's list."""
    _check_writable(user, review)
    _check_stage(review, ReviewStage.ASSESSING)
    if household.ward_id != review.ward_id:
        raise ReviewError(_("Hộ này không thuộc xã, phường của đợt rà soát."))
    check_group_open(review, household)
    item, created = ReviewItem.objects.get_or_create(
        review_round=review,
        household=household,
        defaults={"source": source, "filed_on": filed_on},
    )
    if not created:
        raise ReviewError(_("Hộ này đã có trong danh sách rà soát."))
    return item


@transaction.atomic
def assessment_save(
    *,
    user,
    review: ReviewRound,
    household: Household,
    values: dict,
    deprived: dict[str, bool],
    override_reasons: dict[str, str],
    version: int | None = None,
) -> Assessment:
    """Record a household's assessment and the classification it gives.

    values: household_income_year or income_per_capita, floor_area, causes, able_to_escape,
    wishes, notes. deprived: the officer's answer for every indicator. Where the answer
    differs from what the members' data proposes, override_reasons must say why.
    """
    _check_writable(user, review)
    _check_stage(review, ReviewStage.ASSESSING)
    if not review.items.filter(household=household).exists():
        raise ReviewError(_("Hộ này không có trong danh sách của đợt rà soát."))
    check_group_open(review, household)
    proposals, members = assessment_proposals(review, household, values.get("floor_area"))
    decisions = _deprivation_decisions(proposals, deprived, override_reasons)
    income = _income_per_capita(values, members)
    count = sum(d["deprived"] for d in decisions.values())
    result = rules.classify(income, count, review.standard.lines(), is_urban=review.ward.is_urban)
    assessment = _assessment_claimed(review, household, version)
    assessment.standard = review.standard
    assessment.is_urban = review.ward.is_urban
    assessment.members_count = len(members)
    assessment.household_income_year = values.get("household_income_year")
    assessment.income_per_capita = income
    assessment.floor_area = values.get("floor_area")
    assessment.deprivations = decisions
    assessment.deprivation_count = count
    assessment.causes = list(values.get("causes") or [])
    assessment.able_to_escape = values.get("able_to_escape")
    assessment.wishes = list(values.get("wishes") or [])
    assessment.notes = values.get("notes") or ""
    assessment.classification = result.classification
    assessment.reasons = list(result.reasons)
    assessment.assessed_by = user
    assessment._history_user = user
    assessment.save()
    return assessment


def _deprivation_decisions(proposals, deprived: dict, override_reasons: dict) -> dict:
    """code → {deprived, proposed, reason}; an answer against the data's proposal needs a
    reason, else ReviewError names the indicators lacking one."""
    decisions, missing = {}, []
    for indicator, proposal in proposals:
        answer = bool(deprived.get(indicator.code))
        proposed = proposal.deprived if proposal else None
        reason = (override_reasons.get(indicator.code) or "").strip()
        overridden = proposed is not None and answer != proposed
        if overridden and not reason:
            missing.append(indicator.name)
        decisions[indicator.code] = {
            "deprived": answer,
            "proposed": proposed,
            "reason": reason if overridden else "",
        }
    if missing:
        raise ReviewError(
            _("Cần ghi lý do khi khác với đề xuất từ dữ liệu nhân khẩu: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    return decisions


def _assessment_claimed(review: ReviewRound, household: Household, version) -> Assessment:
    """The household's assessment to save: a new one, or the existing one claimed at the
    version the form was opened with (a stale form is refused, nothing overwritten)."""
    assessment = Assessment.objects.filter(review_round=review, household=household).first()
    if assessment is None:
        return Assessment(review_round=review, household=household)
    if not Assessment.objects.filter(pk=assessment.pk, version=version).update(
        version=F("version") + 1
    ):
        raise ReviewError(
            _(
                "Phiếu đánh giá này vừa được người khác lưu sau khi bạn mở trang. "
                "Hãy tải lại trang để xem bản mới nhất rồi sửa lại."
            )
        )
    assessment.version = version + 1
    return assessment


def _income_per_capita(values: dict, members: list) -> int:
    if values.get("household_income_year") is not None:
        if not members:
            raise ReviewError(_("Hộ chưa có nhân khẩu nào đang sinh sống: chưa tính được."))
        return rules.income_per_capita(values["household_income_year"], len(members))
    if values.get("income_per_capita") is None:
        raise ReviewError(_("Cần ghi tổng thu nhập của hộ hoặc thu nhập bình quân đầu người."))
    return values["income_per_capita"]


@transaction.atomic
def review_round_decide(
    *, user, review: ReviewRound, number: str, decided_on: date, signer: str
) -> int:
    """Record the ward chair's decision and write each household's new status, once.

    A second submission finds the round decided and writes nothing. Returns the number of
    statuses written.
    """
    _check_writable(user, review)
    check_decision_date(review, decided_on)
    claimed = ReviewRound.objects.filter(
        pk=review.pk, stage=ReviewStage.POSTING, posting_to__isnull=False
    ).update(
        stage=ReviewStage.DECIDED,
        decision_number=number,
        decision_date=decided_on,
        decision_signer=signer,
        decided_at=timezone.now(),
        decided_by=user,
    )
    if not claimed:
        raise ReviewError(
            _("Đợt rà soát đã có quyết định, hoặc chưa qua họp dân và niêm yết công khai.")
        )
    review.refresh_from_db()
    statuses = _decided_statuses(review, number=number, decided_on=decided_on)
    reason = _("Quyết định số %(n)s (%(round)s)") % {"n": number, "round": review}
    try:
        statuses_record(user=user, statuses=statuses, reason=reason)
    except IntegrityError:
        raise ReviewError(
            _("Một số hộ đã có quyết định khác cùng ngày %(d)s: hãy kiểm tra lại ngày quyết định.")
            % {"d": decided_on.strftime("%d/%m/%Y")}
        ) from None
    assessed = review.assessments.values_list("household_id", flat=True)
    households_reviewed(user=user, household_ids=list(assessed), on=decided_on)
    return len(statuses)


def _decided_statuses(review: ReviewRound, *, number: str, decided_on: date) -> list:
    """The new status of each assessed household whose classification the decision changes
    (an annual round also re-records the poor and near-poor that stay so)."""
    assessments = {
        a.household_id: a for a in Assessment.objects.filter(review_round=review).order_by("pk")
    }
    households = Household.objects.filter(review_items__review_round=review)
    before = statuses_before(households, decided_on)
    escaped = escaped_households(households, decided_on)
    monthly = review.kind == ReviewKind.MONTHLY
    statuses = []
    for household_id, assessment in assessments.items():
        previous = before.get(household_id)
        new = register.escaped_classification(previous, assessment.classification)
        if new == (previous or rules.NOT_CLASSIFIED) and (
            monthly or new not in (rules.POOR, rules.NEAR_POOR)
        ):
            continue  # nothing to record: a request turned down, a household still outside
        statuses.append(
            HouseholdStatus(
                household_id=household_id,
                year=review.result_year,
                valid_from=decided_on,
                classification=new,
                previous=previous or "",
                movement=register.movement(
                    previous, new, escaped=escaped.get(household_id, frozenset())
                ),
                review_round=review,
                decision_number=number,
                decision_date=decided_on,
                reason=str(review),
            )
        )
    return statuses
