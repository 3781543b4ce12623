from django.urls import path

from . import views

app_name = "households"

urlpatterns = [
    path("", views.household_list_view, name="list"),
    path("new/", views.household_create_view, name="create"),
    path("member-row/", views.member_row_view, name="member_row"),
    path("<int:pk>/", views.household_detail_view, name="detail"),
    path("<int:pk>/edit/", views.household_update_view, name="update"),
    path("<int:pk>/delete/", views.household_delete_view, name="delete"),
    path("<int:pk>/status/", views.status_record_view, name="status_record"),
]
