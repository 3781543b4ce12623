"""Dated membership: which household a person belongs to, as what, from when to when.

`Person.household` and `Person.relation_to_head` are the person's latest membership, kept
by the services for the pages and the scope of today; every question about another day
asks the memberships in force on that day.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .register import Household, Person, Relation


class Joined(models.TextChoices):
    REGISTERED = "registered", _("Có tên khi lập sổ")
    BIRTH = "birth", _("Sinh ra")
    MARRIAGE = "marriage", _("Kết hôn về")
    MOVED_IN = "moved_in", _("Chuyển đến")
    SPLIT = "split", _("Tách hộ")
    MERGED = "merged", _("Nhập hộ")
    HOUSEHOLD_MOVED = "household_moved", _("Cả hộ chuyển đến")
    RELATION = "relation", _("Đổi quan hệ với chủ hộ")


class Left(models.TextChoices):
    MARRIAGE = "marriage", _("Kết hôn đi")
    MOVED_AWAY = "moved_away", _("Chuyển đi nơi khác")
    DIED = "died", _("Qua đời")
    SPLIT = "split", _("Tách hộ")
    MERGED = "merged", _("Nhập vào hộ khác")
    HOUSEHOLD_MOVED = "household_moved", _("Cả hộ chuyển đi")
    RELATION = "relation", _("Đổi quan hệ với chủ hộ")


# The reasons a person stops living in a household's ward or household: beneficiaries'
# worklists look for the open cases of those who left (an index holds these memberships).
MOVES = (Left.MOVED_AWAY, Left.MARRIAGE, Left.HOUSEHOLD_MOVED, Left.MERGED)


class MembershipQuerySet(models.QuerySet):
    def in_force_on(self, day: date) -> "MembershipQuerySet":
        """The memberships held on the day: at most one per person."""
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day), started_on__lte=day)

    def open(self) -> "MembershipQuerySet":
        return self.filter(ended_on__isnull=True)


class Membership(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("nhân khẩu"), on_delete=models.CASCADE, related_name="memberships"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("hộ"), on_delete=models.CASCADE, related_name="memberships"
    )
    relation_to_head = models.CharField(
        _("quan hệ với chủ hộ"), max_length=20, choices=Relation.choices
    )
    started_on = models.DateField(_("từ ngày"))
    # The first day the person is no longer a member (like HouseholdStatus.superseded_on).
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    join_reason = models.CharField(_("lý do vào hộ"), max_length=20, choices=Joined.choices)
    leave_reason = models.CharField(
        _("lý do ra khỏi hộ"), max_length=20, choices=Left.choices, blank=True
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên hộ theo thời gian")
        verbose_name_plural = _("thành viên hộ theo thời gian")
        ordering = ["household", "started_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(ended_on__isnull=True), name="membership_one_open"
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(ended_on__isnull=True, relation_to_head=Relation.HEAD),
                name="membership_one_head",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["household", "started_on"]),
            models.Index(fields=["person", "started_on"]),
            models.Index(
                fields=["person"],
                condition=Q(leave_reason__in=MOVES),
                name="membership_moved_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} ∈ {self.household_id} ({self.started_on:%d/%m/%Y})"
