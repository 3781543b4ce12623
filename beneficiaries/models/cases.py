"""Cases of protected persons (hồ sơ BTXH): the case, its dated events, notes and
referrals, and the ward's yearly decision numbers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.models import Area
from areas.scope import ward_q
from households.models import Person

from .. import rules
from .policy import GROUPS


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
    # A case moves with its person (services/transfers.py): the sending ward's case ends
    # (transferred_out, paid to the month of the move), the receiving ward opens its own.
    moved_on = models.DateField(_("ngày chuyển đi"), null=True, blank=True)
    moving_to = models.ForeignKey(
        Area,
        verbose_name=_("chuyển đến xã, phường"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arriving_cases",
    )
    transferred_from = models.OneToOneField(
        "self",
        verbose_name=_("tiếp nhận từ hồ sơ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="transferred_to",
    )
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
            # The worklists (beneficiaries/worklists/): small partial indexes for the
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
            models.Index(
                fields=["moved_on"],
                condition=models.Q(status=CaseStatus.TRANSFERRED_OUT),
                name="case_transferred_out_idx",
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


# The events that are a decision of the ward chair, each printed as a draft decision.
DECISION_KINDS = (EventKind.GRANTED, EventKind.ADJUSTED, EventKind.TERMINATED)


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
