from django.urls import path

from . import documents
from .views import movements, recognition, rounds

app_name = "reviews"

urlpatterns = [
    path("", rounds.review_list_view, name="list"),
    path("movements/", movements.movements_view, name="movements"),
    path("movements.xlsx", movements.movements_xlsx_view, name="movements_xlsx"),
    path("movements/households/", movements.movement_households_view, name="movement_households"),
    path("<int:pk>/", rounds.review_detail_view, name="detail"),
    path("<int:pk>/requests/", rounds.review_request_view, name="request"),
    path("<int:pk>/meeting/", rounds.meeting_view, name="meeting"),
    path("<int:pk>/posting/", rounds.posting_view, name="posting"),
    path("<int:pk>/complaints/", rounds.complaint_view, name="complaint"),
    path(
        "<int:pk>/complaints/<int:complaint_pk>/answer/",
        rounds.complaint_answer_view,
        name="complaint_answer",
    ),
    path("<int:pk>/decision/", rounds.decision_view, name="decision"),
    path("<int:pk>/households/<int:household_pk>/", rounds.assessment_view, name="assessment"),
    path(
        "<int:pk>/households/<int:household_pk>/result/",
        rounds.assessment_result_view,
        name="assessment_result",
    ),
    path("<int:pk>/posting-list.pdf", documents.posting_list_pdf_view, name="posting_list_pdf"),
    path("<int:pk>/posting-list.xlsx", documents.posting_list_xlsx_view, name="posting_list_xlsx"),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/minutes.pdf",
        documents.minutes_pdf_view,
        name="minutes_pdf",
    ),
    path(
        "<int:pk>/meetings/<int:meeting_pk>/minutes.xlsx",
        documents.minutes_xlsx_view,
        name="minutes_xlsx",
    ),
    path("<int:pk>/recognition.pdf", recognition.recognition_pdf_view, name="recognition_pdf"),
    path("<int:pk>/certificates.pdf", recognition.certificates_pdf_view, name="certificates_pdf"),
    path(
        "<int:pk>/households/<int:household_pk>/certificate.pdf",
        recognition.certificate_pdf_view,
        name="certificate_pdf",
    ),
]
