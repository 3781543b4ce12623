from django.urls import path

from .views import cases, documents, intake, lists, steps, transfers, worklists

app_name = "beneficiaries"

urlpatterns = [
    path("", lists.case_list_view, name="list"),
    path("new/", intake.case_create_view, name="create"),
    path("new/members/", intake.case_members_view, name="members"),
    path("worklists/", worklists.worklists_view, name="worklists"),
    path(
        "worklists/clashes/<int:pk>/resolve/",
        worklists.identity_clash_resolve_view,
        name="clash_resolve",
    ),
    path("incoming/", transfers.incoming_view, name="incoming"),
    path("incoming/<int:pk>/receive/", transfers.case_receive_view, name="receive"),
    path("documents/beneficiaries.xlsx", documents.beneficiaries_xlsx_view, name="list_xlsx"),
    path(
        "documents/<int:event_pk>/decision.pdf",
        documents.decision_pdf_view,
        name="decision_pdf",
    ),
    path("<int:pk>/", cases.case_detail_view, name="detail"),
    path("<int:pk>/screen/", steps.case_screen_view, name="screen"),
    path("<int:pk>/grant/", steps.case_grant_view, name="grant"),
    path("<int:pk>/refuse/", steps.case_refuse_view, name="refuse"),
    path("<int:pk>/adjust/", steps.case_adjust_view, name="adjust"),
    path("<int:pk>/suspend/", steps.case_suspend_view, name="suspend"),
    path("<int:pk>/resume/", steps.case_resume_view, name="resume"),
    path("<int:pk>/unpaid/", steps.case_unpaid_view, name="unpaid"),
    path("<int:pk>/collected/", steps.case_collected_view, name="collected"),
    path("<int:pk>/terminate/", steps.case_terminate_view, name="terminate"),
    path("<int:pk>/death/", steps.person_death_view, name="death"),
    path("<int:pk>/transfer-out/", transfers.case_transfer_out_view, name="transfer_out"),
    path("<int:pk>/notes/", steps.case_note_view, name="note"),
    path("<int:pk>/referrals/", steps.referral_add_view, name="referral"),
    path(
        "<int:pk>/referrals/<int:referral_pk>/close/",
        steps.referral_close_view,
        name="referral_close",
    ),
]
