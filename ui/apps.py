from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """Presentation shared by every app: layout context, template tags, form fields."""

    name = "ui"
    verbose_name = _("Giao diện")
