from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Huyện, quận (trước 01/7/2025)")
    WARD = "ward", _("Xã, phường, đặc khu")
    RESIDENTIAL_GROUP = "residential_group", _("Tổ dân phố, thôn, khóm, ấp")


class Kind(models.TextChoices):
    """The unit's title as written in its name; the level says where it sits."""

    CENTRAL_CITY = "central_city", _("Thành phố trực thuộc trung ương")
    PROVINCE = "province", _("Tỉnh")
    DISTRICT = "district", _("Huyện, quận, thị xã")
    COMMUNE = "commune", _("Xã")
    URBAN_WARD = "urban_ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    TOWNSHIP = "township", _("Thị trấn")
    STREET_GROUP = "street_group", _("Tổ dân phố")
    VILLAGE = "village", _("Thôn")
    KHOM = "khom", _("Khóm")
    HAMLET = "hamlet", _("Ấp")
    OTHER = "other", _("Khác")


class AreaQuerySet(models.QuerySet):
    def under(self, area: "Area") -> "AreaQuerySet":
        """Return the area and everything below it."""
        return self.filter(path__startswith=area.path)

    def wards(self) -> "AreaQuerySet":
        return self.filter(level=Level.WARD)


class Area(models.Model):
    """An administrative unit. `path` holds the codes from the root so a subtree is a prefix."""

    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn"), max_length=255, unique=True, editable=False)
    is_urban = models.BooleanField(
        _("khu vực thành thị"),
        default=False,
        help_text=_("Chuẩn nghèo thành thị áp dụng cho phường; chuẩn nông thôn cho xã."),
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("địa bàn")
        verbose_name_plural = _("địa bàn")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "code"], name="area_code_unique_in_parent"),
        ]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def build_path(parent: "Area | None", code: str) -> str:
        return f"{parent.path if parent else '/'}{code}/"

    def is_within(self, other: "Area") -> bool:
        return self.path.startswith(other.path)


class AreaMapping(models.Model):
    """A unit that no longer exists and the current ward(s) that took it over.

    Used to read lists made before a merger: an old ward split between several new
    wards has one row per new ward, the usual destination flagged `is_default`.
    """

    old_province = models.CharField(_("tỉnh cũ"), max_length=100)
    old_district = models.CharField(_("huyện cũ"), max_length=100, blank=True)
    old_ward = models.CharField(_("xã, phường cũ"), max_length=100)
    old_ward_code = models.CharField(_("mã xã, phường cũ"), max_length=10, blank=True)
    search_key = models.CharField(max_length=120, db_index=True, editable=False)
    new_ward = models.ForeignKey(
        Area,
        verbose_name=_("xã, phường hiện nay"),
        on_delete=models.CASCADE,
        related_name="former_units",
    )
    is_default = models.BooleanField(_("nơi tiếp nhận chính"), default=True)
    legal_reference = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ")
        ordering = ["old_province", "old_district", "old_ward"]
        constraints = [
            models.UniqueConstraint(
                fields=["old_province", "old_district", "old_ward", "new_ward"],
                name="area_mapping_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.old_ward}, {self.old_district}, {self.old_province} → {self.new_ward}"


class Role(models.TextChoices):
    WARD_OFFICER = "ward_officer", _("Cán bộ phường, xã")
    APPROVER = "approver", _("Cơ quan phê duyệt")
    ADMINISTRATOR = "administrator", _("Quản trị viên")


class RoleAssignment(models.Model):
    """A role a user holds on an area and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="role_assignments",
    )
    area = models.ForeignKey(
        Area, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        constraints = [
            models.UniqueConstraint(fields=["user", "area", "role"], name="role_unique_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.area}"


class AreaPopulation(models.Model):
    """The households and persons living in a ward or residential group, as of a day.

    The base of every rate (tỷ lệ hộ nghèo is over all households of the area, never over
    the poverty lists). Rows are never edited: a correction is a newer row for the same
    day, so the history says who entered which figure when.
    """

    area = models.ForeignKey(
        Area, verbose_name=_("địa bàn"), on_delete=models.PROTECT, related_name="populations"
    )
    valid_from = models.DateField(_("số liệu tại ngày"))
    households = models.PositiveIntegerField(_("tổng số hộ"))
    persons = models.PositiveIntegerField(_("tổng số nhân khẩu"))
    source = models.CharField(
        _("nguồn số liệu"),
        max_length=255,
        help_text=_("Ví dụ: Công an phường, dữ liệu cư trú 01/2026; Thống kê."),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("nhập lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("dân số địa bàn")
        verbose_name_plural = _("dân số địa bàn")
        ordering = ["area", "-valid_from", "-created_at", "-pk"]
        indexes = [models.Index(fields=["area", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.area} · {self.valid_from:%d/%m/%Y}: {self.households} hộ"


class Holiday(models.Model):
    """A public holiday: not a working day for the time limits of cases and reviews."""

    day = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=120)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        verbose_name_plural = _("ngày nghỉ lễ")
        ordering = ["day"]
        db_table = "beneficiaries_holiday"  # it was the cases' table first

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"
