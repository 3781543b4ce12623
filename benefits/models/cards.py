"""Health-insurance cards (thẻ BHYT): the cards a person holds, and the grounds on which the
state pays all or part of a card, as dated rows (DOMAIN.md §7.1, §9.2)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beneficiaries.models import ProvinceScoped


class CardGround(models.TextChoices):
    """Grounds ansinh can tell from the register and the cases (ND 146/2018, ND 75/2023)."""

    POOR = "poor", _("Thành viên hộ nghèo")
    PROTECTED = "protected", _("Đối tượng hưởng trợ cấp xã hội hằng tháng")
    CHILD = "child_under_6", _("Trẻ em dưới 6 tuổi")
    NEAR_POOR = "near_poor", _("Thành viên hộ cận nghèo")
    MIDDLE_INCOME = "middle_income", _("Thành viên hộ có mức sống trung bình")


class CardRate(ProvinceScoped):
    """The share of the contribution the state pays on a ground, from a date: the national
    one, or a province's higher one (ND 146/2018 Điều 8 khoản 3)."""

    ground = models.CharField(_("đối tượng"), max_length=20, choices=CardGround.choices)
    share = models.PositiveSmallIntegerField(_("tỷ lệ ngân sách hỗ trợ (%)"))
    group_code = models.CharField(_("mã nhóm trên thẻ"), max_length=2, blank=True)

    class Meta(ProvinceScoped.Meta):
        verbose_name = _("mức hỗ trợ thẻ BHYT")
        verbose_name_plural = _("mức hỗ trợ thẻ BHYT")

    def __str__(self) -> str:
        return f"{self.get_ground_display()}: {self.share}%"


class HealthCard(models.Model):
    """A card as printed: number, group code, place of first registration, validity."""

    person = models.ForeignKey(
        "households.Person", on_delete=models.CASCADE, related_name="health_cards"
    )
    number = models.CharField(_("mã thẻ BHYT"), max_length=15)
    group_code = models.CharField(_("mã nhóm"), max_length=2, blank=True)
    first_registration = models.CharField(_("nơi đăng ký khám ban đầu"), max_length=200)
    valid_from = models.DateField(_("giá trị từ ngày"))
    valid_to = models.DateField(_("giá trị đến ngày"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("thẻ BHYT")
        verbose_name_plural = _("thẻ BHYT")
        ordering = ["-valid_to"]
        indexes = [models.Index(fields=["person", "valid_to"], name="health_card_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="health_card_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.number
