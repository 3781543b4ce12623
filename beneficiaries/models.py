"""Social-assistance rules as dated data, and the cases of protected persons."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.models import Area, Level
from areas.scope import ward_q
from households.models import Person

from . import rules

GROUPS = [(f"K{n}", f"K{n}") for n in range(1, 9)]


class ProvinceScoped(models.Model):
    """A dated amount or rule: national, or a province's own (which overrides the national)."""

    province = models.ForeignKey(
        Area,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": Level.PROVINCE},
        related_name="+",
        help_text=_("Để trống với mức quốc gia."),
    )
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255)
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi số liệu lấy từ nguồn chưa chính thức, cần kiểm tra lại."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        abstract = True
        ordering = ["-valid_from"]


class DatedAmount:
    """An amount of money in force over a period, as the rules read it."""

    def __str__(self) -> str:
        return f"{self.amount:,} ({self.valid_from:%d/%m/%Y})".replace(",", ".")

    def rate(self) -> rules.Rate:
        return rules.Rate(
            self.amount,
            self.valid_from,
            self.valid_to,
            self.legal_reference,
            bool(self.province_id),
        )


class StandardLevel(DatedAmount, ProvinceScoped):
    """Mức chuẩn trợ giúp xã hội (ND 20/2021 Điều 4): the base every coefficient multiplies."""

    amount = models.PositiveBigIntegerField(_("mức chuẩn (đồng/tháng)"))
    active = models.BooleanField(
        _("đang áp dụng"),
        default=True,
        help_text=_("Mức dự kiến chưa có văn bản chính thức: để tắt cho đến khi xác nhận."),
    )

    class Meta(ProvinceScoped.Meta):
        verbose_name = _("mức chuẩn trợ giúp xã hội")
        verbose_name_plural = _("mức chuẩn trợ giúp xã hội")


class Category(models.Model):
    """A group or sub-case of Điều 5 with its coefficient of Điều 6, and its conditions."""

    code = models.CharField(_("mã"), max_length=20)
    group = models.CharField(_("nhóm"), max_length=2, choices=GROUPS)
    name = models.CharField(_("tên"), max_length=255)
    coefficient = models.DecimalField(_("hệ số"), max_digits=4, decimal_places=2)
    age_from = models.PositiveSmallIntegerField(_("từ tuổi"), null=True, blank=True)
    age_below = models.PositiveSmallIntegerField(_("dưới tuổi"), null=True, blank=True)
    requires = models.JSONField(
        _("điều kiện trong hồ sơ"),
        default=list,
        blank=True,
        help_text=_('Những điều kiện hồ sơ phải xác nhận, như ["orphan", "studying"].'),
    )
    household = models.CharField(
        _("hộ"),
        max_length=20,
        blank=True,
        choices=[
            ("", _("Không xét")),
            (rules.POOR_ONLY, _("Hộ nghèo")),
            (rules.POOR_OR_NEAR_POOR, _("Hộ nghèo hoặc cận nghèo")),
        ],
    )
    disability_levels = models.JSONField(_("mức độ khuyết tật"), default=list, blank=True)
    life_stage = models.CharField(
        _("lứa tuổi"),
        max_length=20,
        blank=True,
        choices=[
            ("", _("Không xét")),
            (rules.CHILD_OR_ELDERLY, _("Trẻ em hoặc người cao tuổi")),
            (rules.ADULT, _("Người từ 16 đến dưới 60 tuổi")),
        ],
    )
    per_child = models.BooleanField(_("hệ số tính theo mỗi con"), default=False)
    adds_to = models.JSONField(
        _("được hưởng thêm cùng nhóm"),
        default=list,
        blank=True,
        help_text=_("Nhóm mà trợ cấp này được cộng thêm, không chỉ lấy mức cao nhất."),
    )
    starts = models.CharField(
        _("hưởng từ"),
        max_length=20,
        default="decision",
        choices=[
            ("decision", _("Tháng ký quyết định")),
            ("age", _("Tháng đủ tuổi")),
            ("certificate", _("Tháng cấp giấy xác nhận khuyết tật")),
        ],
    )
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255)
    confirmed = models.BooleanField(_("đã đối chiếu văn bản"), default=False)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("nhóm đối tượng")
        verbose_name_plural = _("nhóm đối tượng")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="category_code_period")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    def rule(self) -> rules.CategoryRule:
        return rules.CategoryRule(
            code=self.code,
            group=self.group,
            coefficient=Decimal(self.coefficient),
            age_from=self.age_from,
            age_below=self.age_below,
            requires=tuple(self.requires),
            household=self.household,
            disability_levels=tuple(self.disability_levels),
            life_stage=self.life_stage,
            per_child=self.per_child,
            adds_to=tuple(self.adds_to),
            starts=self.starts,
            valid_from=self.valid_from,
            valid_to=self.valid_to,
            name=self.name,
            legal_reference=self.legal_reference,
        )


class CareAllowanceRate(ProvinceScoped):
    """Hỗ trợ kinh phí chăm sóc, nuôi dưỡng (Điều 20): a coefficient per case."""

    code = models.CharField(_("mã"), max_length=30)
    name = models.CharField(_("trường hợp"), max_length=255)
    coefficient = models.DecimalField(_("hệ số"), max_digits=4, decimal_places=2)

    class Meta(ProvinceScoped.Meta):
        verbose_name = _("mức hỗ trợ chăm sóc, nuôi dưỡng")
        verbose_name_plural = _("mức hỗ trợ chăm sóc, nuôi dưỡng")

    def __str__(self) -> str:
        return self.name


class SocialPensionRate(DatedAmount, ProvinceScoped):
    """Trợ cấp hưu trí xã hội: the national amount with its ages, or a province's top-up."""

    amount = models.PositiveBigIntegerField(_("mức (đồng/tháng)"))
    age_from = models.PositiveSmallIntegerField(_("từ tuổi"), null=True, blank=True)
    poor_age_from = models.PositiveSmallIntegerField(
        _("từ tuổi, với người thuộc hộ nghèo, cận nghèo"), null=True, blank=True
    )

    class Meta(ProvinceScoped.Meta):
        verbose_name = _("mức trợ cấp hưu trí xã hội")
        verbose_name_plural = _("mức trợ cấp hưu trí xã hội")


class TimeLimit(models.Model):
    """A step's time limit in working days (DOMAIN.md §5.9), editable while ND 147/2025's
    own limits are unknown."""

    step = models.CharField(_("bước"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255)

    class Meta:
        verbose_name = _("thời hạn giải quyết")
        verbose_name_plural = _("thời hạn giải quyết")

    def __str__(self) -> str:
        return self.name


class Holiday(models.Model):
    """A public holiday: not a working day for the time limits."""

    day = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class Benefit(models.TextChoices):
    ALLOWANCE = rules.ALLOWANCE, _("Trợ cấp xã hội hằng tháng")
    PENSION = rules.PENSION, _("Trợ cấp hưu trí xã hội")


class CaseStatus(models.TextChoices):
    INTAKE = "intake", _("Tiếp nhận hồ sơ")
    SCREENING = "screening", _("Đang xét duyệt")
    ACTIVE = "active", _("Đang hưởng")
    SUSPENDED = "suspended", _("Tạm dừng")
    TERMINATED = "terminated", _("Thôi hưởng")
    REFUSED = "refused", _("Không đủ điều kiện")
    TRANSFERRED_OUT = "transferred_out", _("Đã chuyển đi")


OPEN_STATUSES = (CaseStatus.INTAKE, CaseStatus.SCREENING, CaseStatus.ACTIVE, CaseStatus.SUSPENDED)
PAYING_STATUSES = (CaseStatus.ACTIVE,)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "CaseQuerySet":
        return self.filter(ward_q(user, write=write))


class Case(models.Model):
    """Hồ sơ: one person's monthly allowance or social pension in one ward."""

    person = models.ForeignKey(
        Person, verbose_name=_("đối tượng"), on_delete=models.PROTECT, related_name="cases"
    )
    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="cases"
    )
    benefit = models.CharField(
        _("chế độ"), max_length=20, choices=Benefit.choices, default=Benefit.ALLOWANCE
    )
    group = models.CharField(_("nhóm đề nghị"), max_length=2, choices=GROUPS, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE
    )
    applied_on = models.DateField(_("ngày nộp hồ sơ"))
    flags = models.JSONField(_("điều kiện đã xác nhận"), default=list, blank=True)
    children_raised = models.PositiveSmallIntegerField(_("số con đang nuôi"), default=0)
    pension_amount = models.PositiveBigIntegerField(
        _("lương hưu, trợ cấp BHXH đang hưởng (đồng/tháng)"), default=0
    )
    disability_certified_on = models.DateField(
        _("ngày cấp giấy xác nhận khuyết tật"), null=True, blank=True
    )
    documents = models.JSONField(_("giấy tờ đã kiểm tra"), default=list, blank=True)
    needs = models.TextField(_("đánh giá nhu cầu"), blank=True)
    start_month = models.DateField(_("hưởng từ tháng"), null=True, blank=True)
    end_month = models.DateField(_("thôi hưởng từ tháng"), null=True, blank=True)
    unpaid_since = models.DateField(_("chưa nhận tiền từ tháng"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "created_at"],
        verbose_name=_("lịch sử hồ sơ"),
        verbose_name_plural=_("lịch sử hồ sơ"),
    )
    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ trợ giúp xã hội")
        verbose_name_plural = _("hồ sơ trợ giúp xã hội")
        ordering = ["ward", "-applied_on"]
        indexes = [
            models.Index(fields=["ward", "status"]),
            models.Index(fields=["status"]),
            # The worklists (beneficiaries/worklists.py): small partial indexes for the
            # unpaid, the pending applications and the open cases a person holds.
            models.Index(
                fields=["unpaid_since"],
                condition=models.Q(status=CaseStatus.ACTIVE, unpaid_since__isnull=False),
                name="case_unpaid_idx",
            ),
            models.Index(
                fields=["applied_on"],
                condition=models.Q(status__in=[CaseStatus.INTAKE, CaseStatus.SCREENING]),
                name="case_pending_idx",
            ),
            models.Index(
                fields=["person"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="case_open_person_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_benefit_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class EventKind(models.TextChoices):
    INTAKE = "intake", _("Tiếp nhận hồ sơ")
    SCREENED = "screened", _("Xét duyệt, niêm yết")
    GRANTED = "granted", _("Quyết định hưởng")
    REFUSED = "refused", _("Trả lời không đủ điều kiện")
    ADJUSTED = "adjusted", _("Quyết định điều chỉnh")
    SUSPENDED = "suspended", _("Tạm dừng")
    RESUMED = "resumed", _("Hưởng lại")
    # Facts from the payment list, not decisions: they feed the three-months-unpaid worklist.
    UNPAID = "unpaid", _("Chưa nhận tiền")
    COLLECTED = "collected", _("Đã nhận tiền trở lại")
    TERMINATED = "terminated", _("Quyết định thôi hưởng")
    TRANSFERRED_IN = "transferred_in", _("Chuyển đến")
    TRANSFERRED_OUT = "transferred_out", _("Chuyển đi")


class TerminationReason(models.TextChoices):
    DEATH = "death", _("Chết hoặc mất tích")
    MOVED = "moved", _("Chuyển nơi ở")
    INELIGIBLE = "ineligible", _("Không còn đủ điều kiện")
    REFUSED = "refused", _("Từ chối nhận")
    SENTENCED = "sentenced", _("Chấp hành án phạt tù, quyết định khác")


class CaseEvent(models.Model):
    """A dated step of a case, with its decision where there is one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("bước"), max_length=20, choices=EventKind.choices)
    happened_on = models.DateField(_("ngày"))
    effective_month = models.DateField(_("áp dụng từ tháng"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    category = models.CharField(_("nhóm"), max_length=20, blank=True)
    reason = models.CharField(
        _("lý do"), max_length=20, choices=TerminationReason.choices, blank=True
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bước hồ sơ")
        verbose_name_plural = _("bước hồ sơ")
        ordering = ["case", "happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on:%d/%m/%Y}"


class CaseNote(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("ghi chép"))
    written_on = models.DateField(_("ngày"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ghi chép hồ sơ")
        verbose_name_plural = _("ghi chép hồ sơ")
        ordering = ["case", "-written_on", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Service(models.TextChoices):
    HEALTH_STATION = "health_station", _("Trạm y tế")
    SCHOOL = "school", _("Nhà trường")
    POLICE = "police", _("Công an")
    RED_CROSS = "red_cross", _("Hội Chữ thập đỏ")
    WOMENS_UNION = "womens_union", _("Hội Liên hiệp Phụ nữ")
    CARE_FACILITY = "care_facility", _("Cơ sở trợ giúp xã hội")
    OTHER = "other", _("Khác")


class Referral(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    service = models.CharField(_("chuyển đến"), max_length=20, choices=Service.choices)
    purpose = models.CharField(_("nội dung"), max_length=255)
    referred_on = models.DateField(_("ngày chuyển"))
    follow_up_on = models.DateField(_("ngày theo dõi lại"), null=True, blank=True)
    outcome = models.TextField(_("kết quả"), blank=True)
    closed = models.BooleanField(_("đã xong"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("chuyển tuyến dịch vụ")
        verbose_name_plural = _("chuyển tuyến dịch vụ")
        ordering = ["case", "follow_up_on"]

    def __str__(self) -> str:
        return f"{self.get_service_display()}: {self.purpose}"


class DecisionNumber(models.Model):
    """The ward's yearly sequence of decision numbers (restarting at 01 each year)."""

    ward = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ward", "year"], name="decision_number_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.ward_id}/{self.year}: {self.last}"
