"""The recognition documents of a decided round, for anyone who may read the round (its
ward's officers, the approvers above); a round not decided has none (404)."""

from django.contrib.auth.decorators import login_required
from django.utils import translation
from django.views.decorators.http import require_GET

from ui.documents import document_response

from ..access import get_round_for_user
from ..recognition import certificates_context, filename, recognition_context


@login_required
@require_GET
def recognition_pdf_view(request, pk):
    review = get_round_for_user(request.user, pk)
    with translation.override("vi"):  # an administrative document is Vietnamese
        context = recognition_context(request.user, review)
        name = filename(review, "quyet dinh cong nhan")
        return document_response(request, "reviews/docs/recognition.html", context, name)


@login_required
@require_GET
def certificates_pdf_view(request, pk):
    review = get_round_for_user(request.user, pk)
    with translation.override("vi"):
        context = certificates_context(request.user, review)
        name = filename(review, "giay chung nhan")
        return document_response(request, "reviews/docs/certificate.html", context, name)


@login_required
@require_GET
def certificate_pdf_view(request, pk, household_pk):
    review = get_round_for_user(request.user, pk)
    with translation.override("vi"):
        context = certificates_context(request.user, review, household_pk)
        code = context["certificates"][0].row.code
        name = filename(review, f"giay chung nhan {code}")
        return document_response(request, "reviews/docs/certificate.html", context, name)
