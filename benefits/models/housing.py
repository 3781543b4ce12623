"""Housing support for a household (build, repair, sanitation): the condition and the need,
the support with its stages and the funding sources that pay it, several per house
(DOMAIN.md §7.5)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area

from .scoped import WardScopedQuerySet
from .types import Funding


class HousingSupport(models.Model):
    class Condition(models.TextChoices):
        TEMPORARY = "temporary", _("Nhà tạm, nhà dột nát")
        CRAMPED = "cramped", _("Diện tích bình quân dưới 8 m²/người")
        DAMAGED = "damaged", _("Nhà hư hỏng do thiên tai")
        NO_LATRINE = "no_latrine", _("Không có nhà tiêu hợp vệ sinh")

    class Need(models.TextChoices):
        BUILD = "build", _("Xây mới")
        REPAIR = "repair", _("Sửa chữa")
        SANITATION = "sanitation", _("Công trình vệ sinh")

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("Đề xuất")
        APPROVED = "approved", _("Đã phê duyệt")
        STARTED = "started", _("Đang thi công")
        ACCEPTED = "accepted", _("Đã nghiệm thu")
        CANCELLED = "cancelled", _("Đã hủy")

    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "households.Household",
        verbose_name=_("hộ"),
        on_delete=models.PROTECT,
        related_name="housing_supports",
    )
    condition = models.CharField(_("tình trạng nhà ở"), max_length=20, choices=Condition.choices)
    need = models.CharField(_("nhu cầu"), max_length=20, choices=Need.choices)
    stage = models.CharField(
        _("giai đoạn"), max_length=20, choices=Stage.choices, default=Stage.PROPOSED
    )
    proposed_on = models.DateField(_("ngày đề xuất"))
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    started_on = models.DateField(_("ngày khởi công"), null=True, blank=True)
    accepted_on = models.DateField(_("ngày nghiệm thu"), null=True, blank=True)
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = WardScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hỗ trợ nhà ở")
        verbose_name_plural = _("hỗ trợ nhà ở")
        ordering = ["-proposed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.household} {self.get_need_display()}"


class HousingFunding(models.Model):
    """One source's part of a house: the budget, Quỹ Vì người nghèo, mobilisation, or the
    household's own."""

    HOUSEHOLD = "household"
    SOURCES = [*Funding.choices, (HOUSEHOLD, _("Hộ gia đình tự đóng góp"))]

    support = models.ForeignKey(HousingSupport, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("nguồn"), max_length=20, choices=SOURCES)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))

    class Meta:
        verbose_name = _("nguồn kinh phí nhà ở")
        verbose_name_plural = _("nguồn kinh phí nhà ở")
        constraints = [
            models.UniqueConstraint(fields=["support", "source"], name="housing_funding_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount:,}"
