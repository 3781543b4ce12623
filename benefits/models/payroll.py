"""The monthly payroll of a ward (bảng chi trả) and its lines.

A payroll is generated as a draft, approved (then frozen: its lines are never recomputed;
a later change of a case shows up as arrears or a recovery of a later month), sent to the
provider and reconciled from the list the provider returns."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area

from .payments import Method
from .scoped import WardScopedQuerySet
from .types import BenefitType


class PayrollQuerySet(WardScopedQuerySet):
    def decided(self) -> "PayrollQuerySet":
        """Approved, sent or reconciled: what the ward has committed to pay."""
        return self.exclude(status=Payroll.Status.DRAFT)


class RecoveryPolicy(models.TextChoices):
    NETTED = "netted", _("Trừ vào số tiền chi trả tháng sau")
    LISTED = "listed", _("Lập danh sách truy thu riêng")


class PayrollPolicy(models.Model):
    """A ward's payroll settings: the first month ansinh pays (months before were paid
    outside it and are never re-counted) and how recoveries are handled."""

    ward = models.OneToOneField(
        Area, verbose_name=_("xã, phường"), on_delete=models.CASCADE, related_name="+"
    )
    first_month = models.DateField(_("chi trả qua ansinh từ tháng"))
    recoveries = models.CharField(
        _("khoản truy thu"),
        max_length=10,
        choices=RecoveryPolicy.choices,
        default=RecoveryPolicy.LISTED,
    )
    lookback_months = models.PositiveSmallIntegerField(
        _("số tháng xét truy lĩnh, truy thu"),
        default=24,
        help_text=_("Các tháng trước đó không được tính lại tự động."),
    )
    provider = models.ForeignKey(
        "benefits.Provider",
        verbose_name=_("tổ chức chi trả"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("thiết lập chi trả")
        verbose_name_plural = _("thiết lập chi trả")

    def __str__(self) -> str:
        return str(self.ward)


class Payroll(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        APPROVED = "approved", _("Đã duyệt")
        SENT = "sent", _("Đã gửi tổ chức chi trả")
        RECONCILED = "reconciled", _("Đã đối chiếu")

    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="payrolls"
    )
    month = models.DateField(_("tháng chi trả"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    recoveries = models.CharField(
        _("khoản truy thu"), max_length=10, choices=RecoveryPolicy.choices
    )
    line_count = models.PositiveIntegerField(_("số dòng"), default=0)
    people = models.PositiveIntegerField(_("số người"), default=0)
    total = models.BigIntegerField(_("tổng tiền chi trả"), default=0)
    recovered = models.BigIntegerField(_("tổng truy thu"), default=0)
    generated_at = models.DateTimeField(_("lập lúc"), null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reconciled_at = models.DateTimeField(_("đối chiếu xong lúc"), null=True, blank=True)
    # Per case, a fingerprint of what its amounts were computed from: the next payroll
    # computes again only the earlier months of cases whose fingerprint changed.
    case_digests = models.JSONField(default=dict, editable=False)

    objects = PayrollQuerySet.as_manager()

    class Meta:
        verbose_name = _("bảng chi trả")
        verbose_name_plural = _("bảng chi trả")
        ordering = ["-month", "ward__name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "month"], name="payroll_ward_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ward} {self.month:%m/%Y}"

    @property
    def frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class Kind(models.TextChoices):
    REGULAR = "regular", _("Tháng này")
    ARREARS = "arrears", _("Truy lĩnh")
    RECOVERY = "recovery", _("Truy thu")
    ONE_OFF = "one_off", _("Một lần")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ kết quả")
    PAID = "paid", _("Đã nhận")
    UNPAID = "unpaid", _("Chưa nhận")


class PayrollLine(models.Model):
    """One amount of the payroll: a case's benefit for a month (this month's, arrears of an
    earlier one, a recovery), with the rule that gave it, and who receives it as it stood
    when the payroll was made (a snapshot: an approved payroll is never rewritten)."""

    payroll = models.ForeignKey(Payroll, on_delete=models.CASCADE, related_name="lines")
    # A case's benefit, or a one-off support decided apart (which may have no case).
    # Indexes: a province's month writes 50,000 lines, each entry in every index; the case
    # is found through (case, month), a support through an index of supports' lines only,
    # and a benefit type (deleted never, PROTECT) needs none.
    case = models.ForeignKey(
        "beneficiaries.Case",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payroll_lines",
        db_index=False,
    )
    support = models.ForeignKey(
        "benefits.Support",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payroll_lines",
        db_index=False,
    )
    person = models.ForeignKey(
        "households.Person", on_delete=models.PROTECT, related_name="payroll_lines"
    )
    benefit_type = models.ForeignKey(
        BenefitType,
        verbose_name=_("khoản"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    for_month = models.DateField(_("của tháng"))
    amount = models.BigIntegerField(_("số tiền"))  # negative for a recovery
    explanation = models.CharField(_("cách tính"), max_length=500)
    legal_reference = models.CharField(_("căn cứ"), max_length=500, blank=True)
    # The snapshot the provider's list is written from.
    number = models.PositiveIntegerField(_("STT"), default=0)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    national_id = models.CharField(_("số định danh"), max_length=12, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    group_name = models.CharField(_("tổ dân phố, khóm"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    method = models.CharField(_("hình thức nhận"), max_length=10, choices=Method.choices)
    account_number = models.CharField(_("số tài khoản"), max_length=30, blank=True)
    receiver = models.CharField(_("người nhận thay"), max_length=200, blank=True)
    status = models.CharField(
        _("kết quả chi trả"),
        max_length=10,
        choices=PaymentStatus.choices,
        default=PaymentStatus.PENDING,
    )
    paid_on = models.DateField(_("ngày nhận"), null=True, blank=True)

    class Meta:
        verbose_name = _("dòng chi trả")
        verbose_name_plural = _("dòng chi trả")
        ordering = ["number", "pk"]
        indexes = [
            models.Index(fields=["case", "for_month"], name="payroll_line_case_month_idx"),
            models.Index(
                fields=["support"],
                name="payroll_line_support_idx",
                condition=models.Q(support__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} {self.for_month:%m/%Y}"
