"""Poverty standards as data: income lines, middle-income bounds and deprivation indicators."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from areas.models import Area, Level

from .. import rules


class BasicService(models.TextChoices):
    EMPLOYMENT = "employment", _("Việc làm")
    HEALTH = "health", _("Y tế")
    EDUCATION = "education", _("Giáo dục")
    HOUSING = "housing", _("Nhà ở")
    WATER_SANITATION = "water_sanitation", _("Nước sinh hoạt và vệ sinh")
    INFORMATION = "information", _("Thông tin")


class PovertyStandardQuerySet(models.QuerySet):
    def for_year(self, year: int, province: Area | None = None) -> "PovertyStandard | None":
        """The standard a result for `year` is judged by: the province's own, else national."""
        on = date(year, 1, 1)
        current = self.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on), valid_from__lte=on
        ).filter(Q(province__isnull=True) | Q(province=province))
        # A provincial row overrides the national row for the same period (DOMAIN.md §1).
        return current.order_by(models.F("province").desc(nulls_last=True), "-valid_from").first()


class PovertyStandard(models.Model):
    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    province = models.ForeignKey(
        Area,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"level": Level.PROVINCE},
        related_name="poverty_standards",
        help_text=_("Để trống với chuẩn quốc gia; chọn tỉnh khi tỉnh có chuẩn riêng cao hơn."),
    )
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255)
    rural_line = models.PositiveBigIntegerField(_("chuẩn nghèo nông thôn (đồng/người/tháng)"))
    urban_line = models.PositiveBigIntegerField(_("chuẩn nghèo thành thị (đồng/người/tháng)"))
    rural_middle_bound = models.PositiveBigIntegerField(
        _("mức sống trung bình nông thôn, tối đa"), null=True, blank=True
    )
    urban_middle_bound = models.PositiveBigIntegerField(
        _("mức sống trung bình thành thị, tối đa"), null=True, blank=True
    )
    min_deprivations = models.PositiveSmallIntegerField(
        _("số chỉ số thiếu hụt để là hộ nghèo"), default=3
    )
    confirmed = models.BooleanField(
        _("đã đối chiếu văn bản"),
        default=False,
        help_text=_("Bỏ chọn khi số liệu lấy từ nguồn chưa chính thức, cần kiểm tra lại."),
    )
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = PovertyStandardQuerySet.as_manager()

    class Meta:
        verbose_name = _("chuẩn nghèo")
        verbose_name_plural = _("chuẩn nghèo")
        ordering = ["-valid_from", "code"]

    def __str__(self) -> str:
        return self.name

    def lines(self) -> rules.Lines:
        return rules.Lines(
            code=self.code,
            rural_line=self.rural_line,
            urban_line=self.urban_line,
            rural_middle_bound=self.rural_middle_bound,
            urban_middle_bound=self.urban_middle_bound,
            min_deprivations=self.min_deprivations,
        )


class DeprivationIndicator(models.Model):
    """One of a standard's indicators; `derive` names the rule that proposes it from data."""

    standard = models.ForeignKey(
        PovertyStandard,
        verbose_name=_("chuẩn nghèo"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.SlugField(_("mã"), max_length=40)
    service = models.CharField(
        _("dịch vụ xã hội cơ bản"), max_length=20, choices=BasicService.choices
    )
    name = models.CharField(_("chỉ số"), max_length=120)
    definition = models.TextField(_("thiếu hụt khi"))
    derive = models.CharField(
        _("đề xuất từ dữ liệu"),
        max_length=30,
        blank=True,
        choices=[(name, name) for name in rules.DERIVERS],
        help_text=_("Để trống khi chỉ cán bộ đánh giá được."),
    )
    parameters = models.JSONField(
        _("ngưỡng"),
        default=dict,
        blank=True,
        help_text=_('Các ngưỡng quy tắc đề xuất đọc, ví dụ {"min_age": 6}.'),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    confirmed = models.BooleanField(_("đã đối chiếu văn bản"), default=False)

    class Meta:
        verbose_name = _("chỉ số thiếu hụt")
        verbose_name_plural = _("chỉ số thiếu hụt")
        ordering = ["standard", "order"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="indicator_code_unique")
        ]

    def __str__(self) -> str:
        return self.name
