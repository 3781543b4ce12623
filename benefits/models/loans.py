"""Social Policy Bank loans (NHCSXH) a household asked for, as the bank reports them:
ansinh records the need, the referral and the bank's answer and figures; it computes no
loan terms (DOMAIN.md §7.4)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area

from .scoped import WardScopedQuerySet


class Loan(models.Model):
    class Purpose(models.TextChoices):
        PRODUCTION = "production", _("Sản xuất, kinh doanh")
        HOUSING = "housing", _("Nhà ở")
        WATER = "water", _("Nước sạch, vệ sinh môi trường")
        EDUCATION = "education", _("Học sinh, sinh viên")
        JOBS = "jobs", _("Giải quyết việc làm")
        OTHER = "other", _("Khác")

    class Programme(models.TextChoices):
        POOR = "poor", _("Cho vay hộ nghèo (Nghị định 78/2002/NĐ-CP)")
        NEAR_POOR = "near_poor", _("Cho vay hộ cận nghèo (Quyết định 15/2013/QĐ-TTg)")
        ESCAPED = "escaped", _("Cho vay hộ mới thoát nghèo (Quyết định 28/2015/QĐ-TTg)")
        STUDENTS = "students", _("Cho vay học sinh, sinh viên")
        WATER = "water", _("Nước sạch và vệ sinh môi trường nông thôn")
        JOBS = "jobs", _("Hỗ trợ tạo việc làm")
        HOUSING = "housing", _("Cho vay nhà ở xã hội")
        OTHER = "other", _("Chương trình khác")

    class Status(models.TextChoices):
        ASKED = "asked", _("Có nhu cầu")
        REFERRED = "referred", _("Đã giới thiệu đến ngân hàng")
        APPROVED = "approved", _("Ngân hàng đã duyệt")
        REFUSED = "refused", _("Ngân hàng không cho vay")
        DISBURSED = "disbursed", _("Đã giải ngân")
        REPAID = "repaid", _("Đã trả hết nợ")
        OVERDUE = "overdue", _("Nợ quá hạn")

    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "households.Household", verbose_name=_("hộ"), on_delete=models.PROTECT, related_name="loans"
    )
    asked_on = models.DateField(_("ngày đăng ký nhu cầu"))
    purpose = models.CharField(_("mục đích vay"), max_length=20, choices=Purpose.choices)
    amount_asked = models.PositiveBigIntegerField(_("số tiền cần vay (đồng)"))
    referred_on = models.DateField(_("ngày giới thiệu đến ngân hàng"), null=True, blank=True)
    programme = models.CharField(
        _("chương trình cho vay"), max_length=20, choices=Programme.choices, blank=True
    )
    answered_on = models.DateField(_("ngày ngân hàng trả lời"), null=True, blank=True)
    amount_lent = models.PositiveBigIntegerField(
        _("số tiền được vay (đồng)"), null=True, blank=True
    )
    disbursed_on = models.DateField(_("ngày giải ngân"), null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(_("thời hạn (tháng)"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=20, choices=Status.choices, default=Status.ASKED
    )
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = WardScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("vay vốn NHCSXH")
        verbose_name_plural = _("vay vốn NHCSXH")
        ordering = ["-asked_on", "-pk"]
        indexes = [models.Index(fields=["ward", "asked_on"], name="loan_ward_asked_idx")]

    def __str__(self) -> str:
        return f"{self.household} {self.get_purpose_display()}"

    @property
    def got(self) -> bool:
        """The bank lent: disbursed, and whatever came after."""
        return self.status in (self.Status.DISBURSED, self.Status.REPAID, self.Status.OVERDUE)
