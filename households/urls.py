from django.urls import path

from .views import arrivals, events, register

app_name = "households"

urlpatterns = [
    path("", register.household_list_view, name="list"),
    path("export.xlsx", register.household_list_xlsx_view, name="list_xlsx"),
    path("new/", register.household_create_view, name="create"),
    path("member-row/", register.member_row_view, name="member_row"),
    path("<int:pk>/", register.household_detail_view, name="detail"),
    path("<int:pk>/edit/", register.household_update_view, name="update"),
    path("<int:pk>/delete/", register.household_delete_view, name="delete"),
    path("<int:pk>/status/", register.status_record_view, name="status_record"),
    path("<int:pk>/events/join/", events.member_join_view, name="member_join"),
    path("<int:pk>/events/join-found/", events.member_join_found_view, name="member_join_found"),
    path("<int:pk>/events/leave/", events.member_leave_view, name="member_leave"),
    path("<int:pk>/events/head/", events.head_change_view, name="head_change"),
    path("<int:pk>/events/split/", events.household_split_view, name="split"),
    path("<int:pk>/events/merge/", events.household_merge_view, name="merge"),
    path("<int:pk>/events/relocate/", events.household_relocate_view, name="relocate"),
    path("<int:pk>/events/move-out/", events.household_move_out_view, name="move_out"),
    path("<int:pk>/events/dissolve/", events.household_dissolve_view, name="dissolve"),
    path("arrivals/", arrivals.arrivals_view, name="arrivals"),
    path("arrivals/<int:pk>/receive/", arrivals.household_receive_view, name="receive"),
]
