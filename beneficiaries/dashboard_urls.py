from django.urls import path

from . import dashboard_views

app_name = "worklists"

urlpatterns = [
    path("", dashboard_views.worklists_view, name="index"),
]
