"""Two persons of the register found to carry the same national ID."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdentityClashQuerySet(models.QuerySet):
    def open(self) -> "IdentityClashQuerySet":
        return self.filter(resolved_on__isnull=True)


class IdentityClash(models.Model):
    class Resolution(models.TextChoices):
        DIFFERENT = "different", _("Hai người khác nhau (số của người bị xóa đã ghi lại)")
        SAME = "same", _("Một người ghi hai lần (bản ghi thừa đã cho rời hộ)")

    """`person` was stored with the number `other` carries, typed in other digits (full-width,
    Arabic-Indic…). When the numbers were normalised to ASCII digits, `other` kept it and
    `person`'s was left blank: they may be one person registered twice, or a typing slip.
    The officer decides; nothing is merged on its own."""

    person = models.ForeignKey(
        "households.Person",
        verbose_name=_("người bị xóa số"),
        on_delete=models.CASCADE,
        related_name="identity_clashes",
    )
    other = models.ForeignKey(
        "households.Person",
        verbose_name=_("người giữ số"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    national_id = models.CharField(_("số định danh (CCCD)"), max_length=12)
    found_on = models.DateField(_("phát hiện ngày"))
    resolved_on = models.DateField(_("đã xử lý ngày"), null=True, blank=True)
    resolution = models.CharField(
        _("kết luận"), max_length=10, choices=Resolution.choices, blank=True
    )
    resolution_note = models.TextField(_("ghi chú xử lý"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xử lý"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = IdentityClashQuerySet.as_manager()

    class Meta:
        verbose_name = _("trùng số định danh")
        verbose_name_plural = _("trùng số định danh")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "national_id"], name="identity_clash_person_id_unique"
            )
        ]

    def __str__(self) -> str:
        return self.national_id
