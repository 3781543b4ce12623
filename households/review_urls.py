from django.urls import path

from . import review_documents as documents
from . import review_views as views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list_view, name="list"),
    path("movements/", views.movements_view, name="movements"),
    path("movements/households/", views.movement_households_view, name="movement_households"),
    path("<int:pk>/", views.review_detail_view, name="detail"),
    path("<int:pk>/requests/", views.review_request_view, name="request"),
    path("<int:pk>/meeting/", views.meeting_view, name="meeting"),
    path("<int:pk>/posting/", views.posting_view, name="posting"),
    path("<int:pk>/decision/", views.decision_view, name="decision"),
    path("<int:pk>/households/<int:household_pk>/", views.assessment_view, name="assessment"),
    path(
        "<int:pk>/households/<int:household_pk>/result/",
        views.assessment_result_view,
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
]
