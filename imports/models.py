from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from areas.models import Area
from areas.scope import ward_q


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user, *, write: bool = False) -> "ImportJobQuerySet":
        return self.filter(ward_q(user, write=write))


class ImportJob(models.Model):
    """One uploaded list, from upload through preview to commit; the page polls this row."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Chờ ghép cột")
        PREVIEW_QUEUED = "preview_queued", _("Chờ xem trước")
        PREVIEWING = "previewing", _("Đang kiểm tra")
        PREVIEWED = "previewed", _("Đã xem trước")
        COMMIT_QUEUED = "commit_queued", _("Chờ ghi")
        COMMITTING = "committing", _("Đang ghi vào sổ")
        DONE = "done", _("Đã nhập xong")
        FAILED = "failed", _("Thất bại")

    RUNNING = (Status.PREVIEWING, Status.COMMITTING)
    WAITING = (Status.PREVIEW_QUEUED, Status.COMMIT_QUEUED)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nhập"),
        on_delete=models.PROTECT,
        related_name="import_jobs",
    )
    ward = models.ForeignKey(
        Area, verbose_name=_("xã, phường"), on_delete=models.PROTECT, related_name="import_jobs"
    )
    file = models.FileField(_("tệp"), upload_to="imports/%Y/%m/")
    # The cells as read at upload (sheet_store); preview and commit start from them.
    cells_file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    year = models.PositiveSmallIntegerField(_("năm phân loại"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    create_groups = models.BooleanField(_("tạo tổ dân phố mới"), default=False)
    header_row = models.PositiveIntegerField(_("dòng tiêu đề"), default=0)
    headers = models.JSONField(_("tiêu đề cột"), default=list)
    mapping = models.JSONField(_("ghép cột"), default=dict)  # column index (str) → field
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.UPLOADED
    )
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    progress_message = models.CharField(max_length=200, blank=True)
    counts = models.JSONField(_("số lượng"), default=dict)
    problems = models.JSONField(_("vấn đề (trích)"), default=list)
    blocking_count = models.PositiveIntegerField(_("số lỗi"), default=0)
    warning_count = models.PositiveIntegerField(_("số cảnh báo"), default=0)
    changes = models.JSONField(_("thay đổi (trích)"), default=list)
    problems_file = models.FileField(_("tệp lỗi"), upload_to="imports/%Y/%m/", blank=True)
    # Written after the preview is shown: the sheet with a problems column takes seconds.
    problems_file_pending = models.BooleanField(default=False)
    previewed_at = models.DateTimeField(_("xem trước lúc"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần nhập danh sách")
        verbose_name_plural = _("lần nhập danh sách")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.original_name}"

    @property
    def is_active(self) -> bool:
        return self.status in (*self.RUNNING, *self.WAITING)

    def column_mapping(self) -> dict[int, str]:
        return {int(k): v for k, v in self.mapping.items()}
