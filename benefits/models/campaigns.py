"""Campaigns of one-off gifts and support in kind (Tết gifts, longevity gifts, a donor's
gifts, Elderly Day): who is selected is data (the campaign's groups), the list generated
from the register as it stood on the ceremony day, adjusted by the officer with a reason,
and each gift's hand-out recorded (DOMAIN.md §7.6)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from beneficiaries.models import ProvinceScoped

from .scoped import WardScopedQuerySet
from .types import BenefitType, Funding


class Campaign(models.Model):
    class Kind(models.TextChoices):
        TET = "tet", _("Quà Tết")
        LONGEVITY = "longevity", _("Mừng thọ người cao tuổi")
        ELDERLY_DAY = "elderly_day", _("Ngày Người cao tuổi (06/6, 01/10)")
        DONOR = "donor", _("Quà của nhà tài trợ")
        OTHER = "other", _("Hỗ trợ khác bằng hiện vật")

    class AgeOn(models.TextChoices):
        YEAR = "year", _("Tuổi tròn trong năm của đợt")
        CEREMONY = "ceremony", _("Tuổi đủ vào ngày tổ chức")

    class Status(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        CLOSED = "closed", _("Đã kết thúc")

    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên đợt"), max_length=200)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    ceremony_on = models.DateField(_("ngày trao"))
    age_on = models.CharField(
        _("tính tuổi mừng thọ"), max_length=10, choices=AgeOn.choices, default=AgeOn.YEAR
    )
    giver = models.CharField(_("đơn vị, người tặng"), max_length=200)
    funding = models.CharField(_("nguồn kinh phí"), max_length=20, choices=Funding.choices)
    benefit_type = models.ForeignKey(
        BenefitType, verbose_name=_("loại trợ giúp"), on_delete=models.PROTECT, related_name="+"
    )
    one_per_person = models.BooleanField(
        _("mỗi người một phần quà"),
        default=True,
        help_text=_("Bỏ chọn nếu người thuộc nhiều nhóm được nhận quà của từng nhóm."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    notes = models.TextField(_("ghi chú"), blank=True)
    selected_at = models.DateTimeField(_("lập danh sách lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = WardScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt tặng quà, hỗ trợ")
        verbose_name_plural = _("đợt tặng quà, hỗ trợ")
        ordering = ["-ceremony_on", "-pk"]
        indexes = [models.Index(fields=["ward", "year"], name="campaign_ward_year_idx")]

    def __str__(self) -> str:
        return self.name


class CampaignGroup(models.Model):
    """One group a campaign selects, with the gift each of them receives."""

    class Selects(models.TextChoices):
        CLASSIFICATION = "classification", _("Hộ theo phân loại (nghèo, cận nghèo…)")
        CASE = "case", _("Đối tượng bảo trợ xã hội đang hưởng")
        MILESTONE = "milestone", _("Người cao tuổi tròn tuổi mừng thọ")

    class Unit(models.TextChoices):
        HOUSEHOLD = "household", _("Mỗi hộ một phần")
        PERSON = "person", _("Mỗi người một phần")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("nhóm"), max_length=200)
    selects = models.CharField(_("chọn theo"), max_length=20, choices=Selects.choices)
    unit = models.CharField(
        _("đơn vị nhận"), max_length=10, choices=Unit.choices, default=Unit.PERSON
    )
    # The rule, as data: which of these apply depends on `selects`.
    classifications = models.JSONField(_("phân loại hộ"), default=list, blank=True)
    case_groups = models.JSONField(_("nhóm đối tượng (K1…K8, hưu trí xã hội)"), default=list)
    milestones = models.JSONField(_("tuổi mừng thọ"), default=list, blank=True)
    residential_groups = models.ManyToManyField(
        Area, verbose_name=_("tổ dân phố, khóm"), blank=True, related_name="+"
    )
    cash = models.PositiveBigIntegerField(_("tiền mặt (đồng)"), default=0)
    goods = models.CharField(_("hiện vật"), max_length=200, blank=True)
    goods_value = models.PositiveBigIntegerField(_("trị giá hiện vật (đồng)"), default=0)
    use_rates = models.BooleanField(
        _("theo mức quà mừng thọ"),
        default=True,
        help_text=_("Tuổi có mức quà quy định (90, 100 hoặc mức của tỉnh) nhận theo mức đó."),
    )

    class Meta:
        verbose_name = _("nhóm được tặng")
        verbose_name_plural = _("nhóm được tặng")
        ordering = ["campaign", "order", "pk"]

    def __str__(self) -> str:
        return self.label


class GiftRate(ProvinceScoped):
    """The gift of a longevity milestone: the national ones of TT 96/2018 (90 and 100) and
    a province's own, dated (DOMAIN.md §7.6)."""

    milestone = models.PositiveSmallIntegerField(_("tuổi"), help_text=_("101: trên 100 tuổi."))
    cash = models.PositiveBigIntegerField(_("tiền mặt (đồng)"), default=0)
    goods = models.CharField(_("hiện vật"), max_length=200, blank=True)
    goods_value = models.PositiveBigIntegerField(_("trị giá hiện vật (đồng)"), default=0)
    giver = models.CharField(_("người tặng"), max_length=200, blank=True)

    class Meta(ProvinceScoped.Meta):
        verbose_name = _("mức quà mừng thọ")
        verbose_name_plural = _("mức quà mừng thọ")

    def __str__(self) -> str:
        return f"{self.milestone}: {self.cash:,}"


class CampaignRecipient(models.Model):
    """A person (for a household's gift, its head) on a campaign's list: selected by a
    group or added by hand, removed with a reason, and the hand-out once it happened."""

    class Source(models.TextChoices):
        SELECTED = "selected", _("Theo tiêu chí")
        ADDED = "added", _("Bổ sung")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="recipients")
    group = models.ForeignKey(
        CampaignGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        "households.Person", on_delete=models.PROTECT, related_name="campaign_gifts"
    )
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="campaign_gifts"
    )
    milestone = models.PositiveSmallIntegerField(_("tuổi mừng thọ"), null=True, blank=True)
    reason = models.CharField(_("thuộc nhóm"), max_length=200)
    cash = models.PositiveBigIntegerField(_("tiền mặt (đồng)"), default=0)
    goods = models.CharField(_("hiện vật"), max_length=200, blank=True)
    goods_value = models.PositiveBigIntegerField(_("trị giá hiện vật (đồng)"), default=0)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.SELECTED)
    note = models.CharField(_("lý do bổ sung"), max_length=255, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_reason = models.CharField(_("lý do đưa ra"), max_length=255, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    received_on = models.DateField(_("ngày nhận"), null=True, blank=True)
    received_by = models.CharField(
        _("người nhận thay"), max_length=200, blank=True, help_text=_("Khi người thân nhận.")
    )
    handed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("người được tặng")
        verbose_name_plural = _("người được tặng")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person", "group"],
                name="campaign_recipient_once_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.person}"

    @property
    def removed(self) -> bool:
        return bool(self.removed_at)

    @property
    def value(self) -> int:
        return self.cash + self.goods_value
