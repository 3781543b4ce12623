from django.urls import path

from . import views

app_name = "beneficiaries"

urlpatterns = [
    path("", views.case_list_view, name="list"),
    path("new/", views.case_create_view, name="create"),
    path("new/members/", views.case_members_view, name="members"),
    path("<int:pk>/", views.case_detail_view, name="detail"),
    path("<int:pk>/screen/", views.case_screen_view, name="screen"),
    path("<int:pk>/grant/", views.case_grant_view, name="grant"),
    path("<int:pk>/refuse/", views.case_refuse_view, name="refuse"),
    path("<int:pk>/adjust/", views.case_adjust_view, name="adjust"),
    path("<int:pk>/suspend/", views.case_suspend_view, name="suspend"),
    path("<int:pk>/resume/", views.case_resume_view, name="resume"),
    path("<int:pk>/terminate/", views.case_terminate_view, name="terminate"),
    path("<int:pk>/death/", views.person_death_view, name="death"),
    path("<int:pk>/notes/", views.case_note_view, name="note"),
    path("<int:pk>/referrals/", views.referral_add_view, name="referral"),
    path(
        "<int:pk>/referrals/<int:referral_pk>/close/",
        views.referral_close_view,
        name="referral_close",
    ),
]
