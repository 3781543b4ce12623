from django.urls import path

from .views import register

app_name = "households"

urlpatterns = [
    path("", register.household_list_view, name="list"),
    path("new/", register.household_create_view, name="create"),
    path("member-row/", register.member_row_view, name="member_row"),
    path("<int:pk>/", register.household_detail_view, name="detail"),
    path("<int:pk>/edit/", register.household_update_view, name="update"),
    path("<int:pk>/delete/", register.household_delete_view, name="delete"),
    path("<int:pk>/status/", register.status_record_view, name="status_record"),
]
