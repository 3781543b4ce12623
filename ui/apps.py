from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UiConfig(AppConfig):
    """Presentation shared by every app: layout context, template tags, form fields, and
    the `any` lookup (ui.lookups)."""

    name = "ui"
    verbose_name = _("Giao diện")

    def ready(self):
        from . import lookups

        lookups.register()
