"""Benefit types and their dated amounts: policy as data (DOMAIN.md §5.5, §7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import ProvinceScoped


class Kind(models.TextChoices):
    MONTHLY_CASH = "monthly_cash", _("Tiền hằng tháng")
    ONE_OFF_CASH = "one_off_cash", _("Tiền một lần")
    IN_KIND = "in_kind", _("Hiện vật")
    CARD = "card", _("Thẻ")
    LOAN = "loan", _("Vay vốn")
    SERVICE = "service", _("Dịch vụ")


class Funding(models.TextChoices):
    CENTRAL = "central", _("Ngân sách trung ương")
    PROVINCE = "province", _("Ngân sách tỉnh")
    WARD = "ward", _("Ngân sách xã, phường")
    POVERTY_FUND = "poverty_fund", _("Quỹ Vì người nghèo")
    MOBILISATION = "mobilisation", _("Nguồn xã hội hóa")


class Rule(models.TextChoices):
    """How a cash benefit's amount is computed (benefits/rules.py and beneficiaries/rules.py)."""

    ALLOWANCE = "allowance", _("Trợ cấp xã hội hằng tháng (hệ số × mức chuẩn)")
    PENSION = "social_pension", _("Trợ cấp hưu trí xã hội (mức quốc gia)")
    PENSION_TOP_UP = "pension_top_up", _("Hỗ trợ thêm của tỉnh cho hưu trí xã hội")
    CARE = "care", _("Hỗ trợ chăm sóc, nuôi dưỡng (hệ số × mức chuẩn)")
    MULTIPLE = "multiple", _("Một lần: số lần mức chuẩn")
    FIXED = "fixed", _("Một lần: số tiền cố định")
    NONE = "", _("Không tính tiền")


class BenefitType(models.Model):
    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    funding = models.CharField(_("nguồn kinh phí"), max_length=20, choices=Funding.choices)
    rule = models.CharField(_("cách tính"), max_length=20, choices=Rule.choices, blank=True)
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255)
    order = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("loại trợ giúp")
        verbose_name_plural = _("loại trợ giúp")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class SupportRate(ProvinceScoped):
    """A one-off amount in force from a date: a multiple of the standard level (funeral 20 ×)
    or a fixed sum (housing 40,000,000), national or a province's higher one."""

    benefit_type = models.ForeignKey(
        BenefitType, verbose_name=_("loại trợ giúp"), on_delete=models.PROTECT, related_name="rates"
    )
    multiple = models.DecimalField(
        _("số lần mức chuẩn"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"), null=True, blank=True)
    quantity = models.DecimalField(
        _("số lượng hiện vật"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("đơn vị"), max_length=40, blank=True)

    class Meta(ProvinceScoped.Meta):
        verbose_name = _("mức trợ giúp một lần")
        verbose_name_plural = _("mức trợ giúp một lần")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(multiple__isnull=False)
                | models.Q(amount__isnull=False)
                | models.Q(quantity__isnull=False),
                name="support_rate_has_a_value",
            )
        ]

    def __str__(self) -> str:
        if self.multiple is not None:
            return f"{self.benefit_type}: {self.multiple.normalize()} × {_('mức chuẩn')}"
        return str(self.benefit_type)

    def in_force(self, month) -> bool:
        return self.valid_from <= month and (self.valid_to is None or self.valid_to >= month)
