from datetime import date

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from areas.models import Area
from areas.scope import ward_q


class Classification(models.TextChoices):
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    ESCAPED_POOR = "escaped_poor", _("Hộ thoát nghèo")
    ESCAPED_NEAR_POOR = "escaped_near_poor", _("Hộ thoát cận nghèo")
    MIDDLE_INCOME = "middle_income", _("Hộ có mức sống trung bình")
    NONE = "none", _("Không thuộc diện")


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Relation(models.TextChoices):
    HEAD = "head", _("Chủ hộ")
    SPOUSE = "spouse", _("Vợ/chồng")
    CHILD = "child", _("Con")
    PARENT = "parent", _("Cha/mẹ")
    GRANDCHILD = "grandchild", _("Cháu")
    GRANDPARENT = "grandparent", _("Ông/bà")
    SIBLING = "sibling", _("Anh/chị/em")
    CHILD_IN_LAW = "child_in_law", _("Con dâu/con rể")
    OTHER = "other", _("Khác")


class DisabilityLevel(models.TextChoices):
    PARTICULARLY_SEVERE = "particularly_severe", _("Đặc biệt nặng")
    SEVERE = "severe", _("Nặng")
    MILD = "mild", _("Nhẹ")


class Education(models.TextChoices):
    """The highest level reached; the order matters to the adult-education indicator."""

    NONE = "none", _("Chưa học xong tiểu học")
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
    VOCATIONAL = "vocational", _("Sơ cấp, trung cấp, cao đẳng nghề")
    HIGHER = "higher", _("Đại học trở lên")


class Closed(models.TextChoices):
    DISSOLVED = "dissolved", _("Không còn thành viên")
    MERGED = "merged", _("Nhập vào hộ khác")
    MOVED = "moved", _("Cả hộ chuyển đi xã, phường khác")


class HouseholdQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "HouseholdQuerySet":
        return self.filter(ward_q(user, write=write))

    def open(self) -> "HouseholdQuerySet":
        return self.filter(closed_on__isnull=True)

    def changed_since_review(self) -> "HouseholdQuerySet":
        """Open households with an event (a member joined or left, a split, a move) after
        their latest decided status: the next monthly review's worklist. A status carried
        by the event itself (split off, moved in) is not a review."""
        reviewed = HouseholdStatus.objects.filter(
            household=OuterRef("pk"), valid_from__gte=OuterRef("changed_on")
        ).exclude(movement__in=(Movement.SPLIT_OFF, Movement.MOVED_IN))
        return self.open().filter(changed_on__isnull=False).exclude(Exists(reviewed))


class Household(models.Model):
    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="households"
    )
    residential_group = models.ForeignKey(
        Area,
        verbose_name=_("tổ dân phố, khóm, ấp"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_households",
    )
    code = models.CharField(_("mã hộ"), max_length=30)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    # A household is closed, never deleted, once anything decided refers to it.
    closed_on = models.DateField(_("đóng sổ từ ngày"), null=True, blank=True)
    closed_reason = models.CharField(
        _("lý do đóng sổ"), max_length=20, choices=Closed.choices, blank=True
    )
    # A whole household moving to another ward names the ward; the household the
    # receiving ward opens (or the one this merged into) is its successor.
    moving_to = models.ForeignKey(
        Area,
        verbose_name=_("chuyển đến xã, phường"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="arriving_households",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("hộ tiếp nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
    )
    # The day of the last event (a member joined or left, a split, a move): the household
    # is on the next review's worklist until a status is recorded after it.
    changed_on = models.DateField(_("có thay đổi từ ngày"), null=True, blank=True)
    change_note = models.CharField(_("thay đổi"), max_length=255, blank=True)
    # Optimistic locking: every save through the services bumps it, a stale form is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    # simple_history names the history model "historical <name>" in English: name it here.
    history = HistoricalRecords(
        excluded_fields=["version", "updated_at", "created_at"],
        verbose_name=_("lịch sử hộ gia đình"),
        verbose_name_plural=_("lịch sử hộ gia đình"),
    )
    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = _("hộ gia đình")
        ordering = ["ward", "code"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "code"], name="household_code_unique_in_ward")
        ]
        indexes = [
            models.Index(fields=["ward", "residential_group"]),
            models.Index(fields=["code"], name="household_code_idx"),
            models.Index(
                fields=["moving_to"],
                name="household_arriving_idx",
                condition=models.Q(moving_to__isnull=False, successor__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.code


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "PersonQuerySet":
        return self.filter(ward_q(user, "household__ward_id", write=write))


class Person(models.Model):
    household = models.ForeignKey(
        Household,
        verbose_name=_("hộ"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    search_name = models.CharField(max_length=120, editable=False)
    national_id = models.CharField(_("số định danh (CCCD)"), max_length=12, blank=True)
    legacy_id = models.CharField(_("số CMND cũ"), max_length=9, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    # Some lists give only the year of birth: then birth_date is 1 January of that year.
    birth_year_only = models.BooleanField(_("chỉ biết năm sinh"), default=False)
    sex = models.CharField(_("giới tính"), max_length=10, choices=Sex.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=40, default="Kinh", blank=True)
    relation_to_head = models.CharField(
        _("quan hệ với chủ hộ"), max_length=20, choices=Relation.choices
    )
    disability_level = models.CharField(
        _("mức độ khuyết tật"), max_length=20, choices=DisabilityLevel.choices, blank=True
    )
    has_health_insurance = models.BooleanField(_("có thẻ BHYT"), null=True, blank=True)
    health_insurance_number = models.CharField(_("mã thẻ BHYT"), max_length=15, blank=True)
    in_school = models.BooleanField(_("đang đi học"), null=True, blank=True)
    education = models.CharField(
        _("trình độ học vấn"), max_length=20, choices=Education.choices, blank=True
    )
    deceased_on = models.DateField(_("ngày mất"), null=True, blank=True)
    moved_out_on = models.DateField(_("ngày chuyển đi"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["search_name", "updated_at", "created_at"],
        verbose_name=_("lịch sử nhân khẩu"),
        verbose_name_plural=_("lịch sử nhân khẩu"),
    )
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhân khẩu")
        verbose_name_plural = _("nhân khẩu")
        ordering = ["household", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["national_id"],
                condition=~models.Q(national_id=""),
                name="person_national_id_unique",
            ),
            # Heads who died or moved away keep their last relation (the memberships hold
            # who was head when).
            models.UniqueConstraint(
                fields=["household"],
                condition=models.Q(
                    relation_to_head="head", deceased_on__isnull=True, moved_out_on__isnull=True
                ),
                name="household_single_head",
            ),
        ]
        # The trigram index on search_name is PostgreSQL-only: see migration 0002.
        indexes = [
            models.Index(fields=["legacy_id"], name="person_legacy_id_idx"),
            # The worklists look for birthdays and deaths across a province.
            models.Index(fields=["birth_date"], name="person_birth_date_idx"),
            models.Index(
                fields=["deceased_on"],
                name="person_deceased_idx",
                condition=models.Q(deceased_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def birth_display(self) -> str:
        if self.birth_date is None:
            return ""
        if self.birth_year_only:
            return str(self.birth_date.year)
        return self.birth_date.strftime("%d/%m/%Y")


class HouseholdStatusQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "HouseholdStatusQuerySet":
        return self.filter(ward_q(user, "household__ward_id", write=write))

    def in_force_on(self, day: date) -> "HouseholdStatusQuerySet":
        """The statuses in force on the day: for each household at most one, the latest
        valid from that day or before. Every app asks the register this way."""
        return self.filter(
            Q(superseded_on__isnull=True) | Q(superseded_on__gt=day), valid_from__lte=day
        )

    def in_force_during(self, year: int) -> "HouseholdStatusQuerySet":
        """The statuses in force on some day of the year, whatever year they are for."""
        return self.filter(
            Q(superseded_on__isnull=True) | Q(superseded_on__gt=date(year, 1, 1)),
            valid_from__lte=date(year, 12, 31),
        )

    def latest(self) -> "HouseholdStatusQuerySet":
        """Each household's latest status, whatever day it holds from."""
        return self.filter(superseded_on__isnull=True)

    def classification_on(self, day: date, household: str = "pk") -> Subquery:
        """The classification in force on the day, for the household `household` of the
        outer query names (an annotation; NULL when none is)."""
        # The latest row up to the day, by the (household, valid_from) index: the same
        # status as in_force_on, found without its NOT EXISTS for a correlated lookup.
        held = self.filter(household=OuterRef(household), valid_from__lte=day)
        return Subquery(held.order_by("-valid_from").values("classification")[:1])


class Movement(models.TextChoices):
    """How a status differs from the one before it (DOMAIN.md §4.6)."""

    NEWLY_POOR = "newly_poor", _("Hộ nghèo phát sinh mới")
    NEWLY_NEAR_POOR = "newly_near_poor", _("Hộ cận nghèo phát sinh mới")
    RELAPSED_POOR = "relapsed_poor", _("Hộ tái nghèo")
    RELAPSED_NEAR_POOR = "relapsed_near_poor", _("Hộ tái cận nghèo")
    NEAR_POOR_TO_POOR = "near_poor_to_poor", _("Hộ cận nghèo chuyển thành hộ nghèo")
    POOR_TO_NEAR_POOR = "poor_to_near_poor", _("Hộ nghèo chuyển thành hộ cận nghèo")
    ESCAPED_POOR = "escaped_poor", _("Hộ thoát nghèo")
    ESCAPED_NEAR_POOR = "escaped_near_poor", _("Hộ thoát cận nghèo")
    MOVED_OUT = "moved_out", _("Chuyển đi nơi khác")
    MOVED_IN = "moved_in", _("Chuyển đến từ nơi khác")
    SPLIT_OFF = "split_off", _("Tách từ hộ khác")
    UNCHANGED = "unchanged", _("Không đổi")


class HouseholdStatus(models.Model):
    """The household's classification from a date on, as decided by the ward.

    A dated history: a new decision adds a row, the status in force on a day is the latest
    row valid from that day or before. `year` is the year the classification is for.
    """

    household = models.ForeignKey(
        Household, verbose_name=_("hộ"), on_delete=models.CASCADE, related_name="statuses"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    valid_from = models.DateField(_("áp dụng từ ngày"))
    # The day the household's next status starts (None while this is the latest), kept by
    # households.services.status_ranges_refresh: "in force on a day" becomes a range test
    # that an index answers for a whole province, without a correlated subquery.
    superseded_on = models.DateField(
        _("hết hiệu lực từ ngày"), null=True, blank=True, editable=False
    )
    classification = models.CharField(_("phân loại"), max_length=20, choices=Classification.choices)
    previous = models.CharField(
        _("phân loại trước đó"), max_length=20, choices=Classification.choices, blank=True
    )
    movement = models.CharField(_("biến động"), max_length=20, choices=Movement.choices, blank=True)
    review_round = models.ForeignKey(
        "reviews.ReviewRound",
        verbose_name=_("đợt rà soát"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statuses",
    )
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    reason = models.TextField(_("lý do"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["superseded_on", "updated_at", "created_at"],
        verbose_name=_("lịch sử phân loại hộ theo năm"),
        verbose_name_plural=_("lịch sử phân loại hộ theo năm"),
    )
    objects = HouseholdStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân loại hộ theo năm")
        verbose_name_plural = _("phân loại hộ theo năm")
        ordering = ["household", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["household", "valid_from"], name="status_one_per_day")
        ]
        indexes = [
            models.Index(fields=["year", "classification"]),
            models.Index(fields=["valid_from", "movement"]),
            # The latest statuses by classification: the list's filter over a province.
            models.Index(
                fields=["classification", "household"],
                name="status_latest_idx",
                condition=models.Q(superseded_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_classification_display()}"

    def save(self, *args, **kwargs):
        if self.valid_from is None:  # a status recorded for a year holds from its first day
            self.valid_from = date(self.year, 1, 1)
        super().save(*args, **kwargs)
