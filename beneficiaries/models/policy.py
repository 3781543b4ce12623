"""Social-assistance policy as dated data: standard levels, categories and coefficients,
social pension rates, time limits and holidays."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area, Level
from vn.money import vnd

from .. import rules

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
        return f"{vnd(self.amount, symbol=False)} ({self.valid_from:%d/%m/%Y})"

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
