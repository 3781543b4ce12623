from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.import_list_view, name="list"),
    path("template/", views.template_view, name="template"),
    path("<int:pk>/", views.import_detail_view, name="detail"),
    path("<int:pk>/progress/", views.import_progress_view, name="progress"),
    path("<int:pk>/preview/", views.import_preview_view, name="preview"),
    path("<int:pk>/commit/", views.import_commit_view, name="commit"),
    path("<int:pk>/problems.xlsx", views.problems_file_view, name="problems_file"),
    path("<int:pk>/problems/", views.problems_file_status_view, name="problems_file_status"),
]
