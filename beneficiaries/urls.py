from django.urls import path

from . import case_views, views

app_name = "beneficiaries"

urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("new/", views.case_create_view, name="create"),
    path("new/members/", views.case_members_view, name="members"),
    path("<int:pk>/", case_views.case_detail_view, name="detail"),
    path("<int:pk>/screen/", case_views.case_screen_view, name="screen"),
    path("<int:pk>/grant/", case_views.case_grant_view, name="grant"),
    path("<int:pk>/refuse/", case_views.case_refuse_view, name="refuse"),
    path("<int:pk>/adjust/", case_views.case_adjust_view, name="adjust"),
    path("<int:pk>/suspend/", case_views.case_suspend_view, name="suspend"),
    path("<int:pk>/resume/", case_views.case_resume_view, name="resume"),
    path("<int:pk>/unpaid/", case_views.case_unpaid_view, name="unpaid"),
    path("<int:pk>/collected/", case_views.case_collected_view, name="collected"),
    path("<int:pk>/terminate/", case_views.case_terminate_view, name="terminate"),
    path("<int:pk>/death/", case_views.person_death_view, name="death"),
    path("<int:pk>/notes/", case_views.case_note_view, name="note"),
    path("<int:pk>/referrals/", case_views.referral_add_view, name="referral"),
    path(
        "<int:pk>/referrals/<int:referral_pk>/close/",
        case_views.referral_close_view,
        name="referral_close",
    ),
]
