from django.urls import path

from . import documents

app_name = "case_documents"

urlpatterns = [
    path("<int:event_pk>/decision.pdf", documents.decision_pdf_view, name="decision_pdf"),
    path("beneficiaries.xlsx", documents.beneficiaries_xlsx_view, name="beneficiaries_xlsx"),
]
