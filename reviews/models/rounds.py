"""The review of poor and near-poor households: rounds, their households and assessments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.models import Area
from areas.scope import ward_q
from households.models import Classification, Household

from .standards import PovertyStandard


class ReviewKind(models.TextChoices):
    ANNUAL = "annual_review", _("Rà soát định kỳ hằng năm")
    MONTHLY = "monthly_review", _("Rà soát thường xuyên")


class ReviewStage(models.TextChoices):
    ASSESSING = "assessing", _("Đánh giá hộ, họp dân")
    POSTING = "posting", _("Niêm yết công khai")
    DECIDED = "decided", _("Đã có quyết định")


class ReviewSource(models.TextChoices):
    REGISTER = "register", _("Đang là hộ nghèo, cận nghèo")
    FORM_01 = "form_01", _("Giấy đề nghị rà soát (Mẫu số 01)")
    FORM_04 = "form_04", _("Giấy đề nghị công nhận thoát nghèo (Mẫu số 04)")
    CHANGED = "changed", _("Có thay đổi về nhân khẩu, nơi ở từ lần rà soát trước")


class Cause(models.TextChoices):
    CAPITAL = "capital", _("Thiếu vốn sản xuất, kinh doanh")
    LAND = "land", _("Thiếu đất canh tác")
    LABOUR = "labour", _("Thiếu lao động")
    SKILLS = "skills", _("Thiếu kiến thức, kỹ năng, tay nghề")
    ILLNESS = "illness", _("Có người ốm đau, bệnh nặng")
    DISABILITY = "disability", _("Có người khuyết tật")
    DEPENDANTS = "dependants", _("Đông người ăn theo")
    DISASTER = "disaster", _("Thiên tai, rủi ro")
    OTHER = "other", _("Nguyên nhân khác")


class Wish(models.TextChoices):
    LOAN = "loan", _("Vay vốn ưu đãi")
    JOB = "job", _("Giới thiệu việc làm")
    TRAINING = "training", _("Học nghề")
    HOUSING = "housing", _("Hỗ trợ nhà ở")
    HEALTH_INSURANCE = "health_insurance", _("Thẻ bảo hiểm y tế")
    EDUCATION = "education", _("Hỗ trợ học phí, đồ dùng học tập")
    PRODUCTION = "production", _("Hỗ trợ giống, vật tư sản xuất")
    SOCIAL_ASSISTANCE = "social_assistance", _("Trợ cấp xã hội")
    OTHER = "other", _("Khác")


class ReviewRoundQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "ReviewRoundQuerySet":
        return self.filter(ward_q(user, write=write))


class ReviewRound(models.Model):
    """A ward's annual review, or one month's review of requests (QĐ 24/2021 Điều 4–5)."""

    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="review_rounds"
    )
    kind = models.CharField(_("loại rà soát"), max_length=20, choices=ReviewKind.choices)
    year = models.PositiveSmallIntegerField(_("năm rà soát"))
    month = models.PositiveSmallIntegerField(_("tháng"), null=True, blank=True)
    result_year = models.PositiveSmallIntegerField(_("kết quả áp dụng cho năm"))
    standard = models.ForeignKey(
        PovertyStandard, verbose_name=_("chuẩn nghèo"), on_delete=models.PROTECT
    )
    reference_date = models.DateField(_("tính tuổi đến ngày"))
    stage = models.CharField(
        _("bước"), max_length=20, choices=ReviewStage.choices, default=ReviewStage.ASSESSING
    )
    posting_from = models.DateField(_("niêm yết từ ngày"), null=True, blank=True)
    posting_to = models.DateField(_("niêm yết đến ngày"), null=True, blank=True)
    posting_place = models.CharField(_("nơi niêm yết"), max_length=255, blank=True)
    complaints = models.TextField(_("ghi chú về niêm yết"), blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    decision_signer = models.CharField(_("người ký"), max_length=120, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_rounds"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ReviewRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt rà soát")
        verbose_name_plural = _("đợt rà soát")
        ordering = ["-year", "-month", "ward"]
        constraints = [
            # Annual rounds have no month: two partial indexes, as NULLs are never equal.
            models.UniqueConstraint(
                fields=["ward", "kind", "year"],
                condition=models.Q(month__isnull=True),
                name="review_round_unique_year",
            ),
            models.UniqueConstraint(
                fields=["ward", "kind", "year", "month"],
                condition=models.Q(month__isnull=False),
                name="review_round_unique_month",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == ReviewKind.MONTHLY:
            return _("Rà soát thường xuyên tháng %(m)02d/%(y)d") % {"m": self.month, "y": self.year}
        return _("Rà soát định kỳ năm %(y)d") % {"y": self.year}


class ReviewItem(models.Model):
    """A household on a round's list, and why it is there."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="items")
    # A household on a round's list is never deleted (households.services refuses it).
    household = models.ForeignKey(
        Household, verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="review_items"
    )
    source = models.CharField(_("lý do rà soát"), max_length=20, choices=ReviewSource.choices)
    filed_on = models.DateField(_("ngày nộp đơn"), null=True, blank=True)

    class Meta:
        verbose_name = _("hộ trong đợt rà soát")
        verbose_name_plural = _("hộ trong đợt rà soát")
        constraints = [
            models.UniqueConstraint(fields=["review_round", "household"], name="review_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.review_round}: {self.household}"


class CommunityMeeting(models.Model):
    """The meeting of a residential group (thôn, tổ dân phố, khóm, ấp), chaired by its head:
    the group's households on the list need the agreement of at least half of those present
    (QĐ 24/2021 Điều 4 khoản 3). No group: the one meeting of a ward without groups."""

    review_round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="meetings")
    residential_group = models.ForeignKey(
        Area,
        verbose_name=_("tổ dân phố, thôn, khóm, ấp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    chaired_by = models.CharField(_("chủ trì"), max_length=120, blank=True)
    attendance = models.PositiveIntegerField(_("số người dự"))
    agreed = models.PositiveIntegerField(_("số người đồng ý"))
    notes = models.TextField(_("ý kiến tại cuộc họp"), blank=True)
    passed = models.BooleanField(_("đạt"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("cuộc họp dân")
        verbose_name_plural = _("cuộc họp dân")
        ordering = ["review_round", "held_on", "pk"]

    def __str__(self) -> str:
        held = {"d": self.held_on.strftime("%d/%m/%Y")}
        if self.residential_group_id:
            held["g"] = self.residential_group.name
            return _("Họp dân %(g)s ngày %(d)s") % held
        return _("Họp dân ngày %(d)s") % held


class PostingComplaint(models.Model):
    """A complaint or request for re-check (phúc tra) received while the list is posted, and
    its answer: the decision waits for every answer (QĐ 24/2021 Điều 4 khoản 4)."""

    review_round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="posting_complaints"
    )
    received_on = models.DateField(_("ngày nhận"))
    complainant = models.CharField(_("người khiếu nại, đề nghị"), max_length=120)
    content = models.TextField(_("nội dung"))
    answer = models.TextField(_("kết quả giải quyết"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("khiếu nại khi niêm yết")
        verbose_name_plural = _("khiếu nại khi niêm yết")
        ordering = ["review_round", "received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.received_on:%d/%m/%Y} {self.complainant}"


class ReviewTimeLimit(models.Model):
    """A step of the review counted in working days, editable while unconfirmed: the
    public posting lasts 3 working days by default (DOMAIN.md §4.3, [unverified])."""

    POSTING = "public_posting"
    # The seeded row, [unverified] (DOMAIN.md §4.3): the admin corrects it, nothing reads it
    # except to create a missing row.
    POSTING_DEFAULT = {
        "name": "Niêm yết công khai danh sách hộ nghèo, hộ cận nghèo",
        "working_days": 3,
        "legal_reference": "QĐ 24/2021/QĐ-TTg Điều 4 khoản 4",
        "confirmed": False,
    }

    step = models.CharField(_("bước"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255)
    confirmed = models.BooleanField(_("đã xác nhận"), default=False)

    class Meta:
        verbose_name = _("thời hạn trong rà soát")
        verbose_name_plural = _("thời hạn trong rà soát")

    def __str__(self) -> str:
        return self.name


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "AssessmentQuerySet":
        return self.filter(ward_q(user, "household__ward_id", write=write))


class Assessment(models.Model):
    """A household's income, deprivations, causes and wishes, and the classification they give."""

    household = models.ForeignKey(
        Household, verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="assessments"
    )
    review_round = models.ForeignKey(
        ReviewRound,
        verbose_name=_("đợt rà soát"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    standard = models.ForeignKey(
        PovertyStandard, verbose_name=_("chuẩn nghèo"), on_delete=models.PROTECT
    )
    is_urban = models.BooleanField(_("khu vực thành thị"))
    members_count = models.PositiveSmallIntegerField(_("số nhân khẩu"))
    household_income_year = models.PositiveBigIntegerField(
        _("tổng thu nhập của hộ trong 12 tháng"), null=True, blank=True
    )
    income_per_capita = models.PositiveBigIntegerField(_("thu nhập bình quân đồng/người/tháng"))
    floor_area = models.DecimalField(
        _("diện tích nhà ở (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    # code → {"deprived": bool, "proposed": bool | None, "reason": str}
    deprivations = models.JSONField(_("thiếu hụt"), default=dict)
    deprivation_count = models.PositiveSmallIntegerField(_("số chỉ số thiếu hụt"))
    causes = models.JSONField(_("nguyên nhân nghèo"), default=list, blank=True)
    able_to_escape = models.BooleanField(_("có khả năng thoát nghèo trong năm"), null=True)
    wishes = models.JSONField(_("nguyện vọng"), default=list, blank=True)
    classification = models.CharField(
        _("kết quả phân loại"), max_length=20, choices=Classification.choices
    )
    reasons = models.JSONField(_("căn cứ phân loại"), default=list)
    notes = models.TextField(_("ghi chú"), blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "created_at"],
        verbose_name=_("lịch sử phiếu đánh giá hộ"),
        verbose_name_plural=_("lịch sử phiếu đánh giá hộ"),
    )
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu đánh giá hộ")
        verbose_name_plural = _("phiếu đánh giá hộ")
        constraints = [
            models.UniqueConstraint(
                fields=["review_round", "household"], name="assessment_one_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.review_round}: {self.household}"
