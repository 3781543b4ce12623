"""One-off supports (trợ giúp đột xuất, hỗ trợ mai táng, ND 20/2021 Điều 11–15): each a
ward chair's decision for a person or a household, paid through the next payroll or on the
spot, recorded either way."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area

from .scoped import WardScopedQuerySet
from .types import BenefitType, SupportRate


class Support(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đề xuất")
        DECIDED = "decided", _("Đã quyết định")
        PAID = "paid", _("Đã chi")
        CANCELLED = "cancelled", _("Đã hủy")

    class Payment(models.TextChoices):
        PAYROLL = "payroll", _("Qua bảng chi trả tháng sau")
        SPOT = "spot", _("Chi ngay tại chỗ")

    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    benefit_type = models.ForeignKey(
        BenefitType, verbose_name=_("loại trợ giúp"), on_delete=models.PROTECT, related_name="+"
    )
    rate = models.ForeignKey(
        SupportRate,
        verbose_name=_("mức áp dụng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    person = models.ForeignKey(
        "households.Person",
        verbose_name=_("người được hỗ trợ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supports",
    )
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("hộ được hỗ trợ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supports",
    )
    event_on = models.DateField(_("ngày xảy ra"))
    reason = models.TextField(_("lý do"), blank=True)
    persons = models.PositiveSmallIntegerField(_("số người"), default=1)
    months = models.PositiveSmallIntegerField(_("số tháng"), default=1)
    amount = models.PositiveBigIntegerField(_("số tiền"), default=0)
    quantity = models.DecimalField(
        _("số lượng hiện vật"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    receiver_name = models.CharField(_("người nhận"), max_length=120, blank=True)
    receiver_relation = models.CharField(_("quan hệ"), max_length=60, blank=True)
    payment = models.CharField(
        _("cách chi"), max_length=10, choices=Payment.choices, default=Payment.PAYROLL
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    paid_on = models.DateField(_("ngày chi"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = WardScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("trợ giúp một lần")
        verbose_name_plural = _("trợ giúp một lần")
        ordering = ["-event_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(household__isnull=False),
                name="support_has_a_recipient",
            )
        ]

    def __str__(self) -> str:
        return f"{self.benefit_type} ({self.event_on:%d/%m/%Y})"
