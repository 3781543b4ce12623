"""Who pays and how each beneficiary is paid: the provider under contract and the payment
arrangement of a person (ND 20/2021 Điều 34)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area, Level
from areas.scope import ward_q


class Method(models.TextChoices):
    CASH_WARD = "cash_ward", _("Tiền mặt tại điểm chi trả")
    CASH_HOME = "cash_home", _("Tiền mặt tại nhà")
    BANK = "bank", _("Tài khoản ngân hàng")
    EWALLET = "ewallet", _("Ví điện tử")


class Provider(models.Model):
    """Tổ chức dịch vụ chi trả: the post office or a bank, under contract with a ward."""

    class ProviderKind(models.TextChoices):
        POST = "post", _("Bưu điện")
        BANK = "bank", _("Ngân hàng")
        EWALLET = "ewallet", _("Ví điện tử")
        OTHER = "other", _("Khác")

    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=ProviderKind.choices)
    province = models.ForeignKey(
        Area,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        limit_choices_to={"level": Level.PROVINCE},
        related_name="+",
    )
    contract = models.CharField(_("số hợp đồng"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("tổ chức chi trả")
        verbose_name_plural = _("tổ chức chi trả")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArrangementQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "ArrangementQuerySet":
        return self.filter(ward_q(user, "person__household__ward_id", write=write))


class PaymentArrangement(models.Model):
    """How one beneficiary is paid, and who receives the money if not them (a guardian)."""

    person = models.OneToOneField(
        "households.Person",
        verbose_name=_("người hưởng"),
        on_delete=models.CASCADE,
        related_name="payment_arrangement",
    )
    method = models.CharField(
        _("hình thức nhận"), max_length=10, choices=Method.choices, default=Method.CASH_WARD
    )
    provider = models.ForeignKey(
        Provider,
        verbose_name=_("tổ chức chi trả"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    account_number = models.CharField(_("số tài khoản, số ví"), max_length=30, blank=True)
    bank_name = models.CharField(_("ngân hàng, ví"), max_length=120, blank=True)
    receiver_name = models.CharField(
        _("người nhận thay"),
        max_length=120,
        blank=True,
        help_text=_("Người giám hộ, người thân nhận thay; để trống khi người hưởng tự nhận."),
    )
    receiver_relation = models.CharField(_("quan hệ với người hưởng"), max_length=60, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ArrangementQuerySet.as_manager()

    class Meta:
        verbose_name = _("hình thức chi trả")
        verbose_name_plural = _("hình thức chi trả")

    def __str__(self) -> str:
        return self.get_method_display()
