"""Care allowances (hỗ trợ kinh phí chăm sóc, nuôi dưỡng, ND 20/2021 Điều 20), paid to the
carer for a protected person on top of the person's own allowance."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CareAllowance(models.Model):
    case = models.ForeignKey(
        "beneficiaries.Case",
        verbose_name=_("hồ sơ người được chăm sóc"),
        on_delete=models.PROTECT,
        related_name="care_allowances",
    )
    rate = models.ForeignKey(
        "beneficiaries.CareAllowanceRate",
        verbose_name=_("trường hợp"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    carer = models.ForeignKey(
        "households.Person",
        verbose_name=_("người chăm sóc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    carer_name = models.CharField(_("họ tên người chăm sóc, nhận nuôi"), max_length=120)
    start_month = models.DateField(_("hưởng từ tháng"))
    end_month = models.DateField(_("thôi hưởng từ tháng"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hỗ trợ chăm sóc, nuôi dưỡng")
        verbose_name_plural = _("hỗ trợ chăm sóc, nuôi dưỡng")

    def __str__(self) -> str:
        return f"{self.carer_name} ({self.rate})"
