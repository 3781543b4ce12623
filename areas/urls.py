from django.urls import path

from . import views

app_name = "areas"

urlpatterns = [
    path("groups/", views.residential_group_list_view, name="groups"),
]
