from django.urls import path

from . import decisions, exports

app_name = "case_documents"

urlpatterns = [
    path("<int:event_pk>/decision.pdf", decisions.decision_pdf_view, name="decision_pdf"),
    path("beneficiaries.xlsx", exports.beneficiaries_xlsx_view, name="beneficiaries_xlsx"),
]
