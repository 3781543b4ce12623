from django.urls import path

from .views import campaigns, cards, payments, payrolls, provider, province, supports

app_name = "benefits"

urlpatterns = [
    path("payrolls/", payrolls.payroll_list_view, name="list"),
    path("payrolls/province/", province.province_view, name="province"),
    path("payrolls/province.xlsx", province.province_xlsx_view, name="province_xlsx"),
    path("payrolls/ward/<int:ward_pk>/generate/", payrolls.payroll_generate_view, name="generate"),
    path("payrolls/ward/<int:ward_pk>/status/", payments.ward_payroll_view, name="ward_payroll"),
    path("payrolls/<int:pk>/", payrolls.payroll_detail_view, name="detail"),
    path("payrolls/<int:pk>/approve/", payrolls.payroll_approve_view, name="approve"),
    path("payrolls/<int:pk>/send/", payrolls.payroll_send_view, name="send"),
    path("payrolls/<int:pk>/provider.xlsx", provider.provider_xlsx_view, name="provider_xlsx"),
    path("payrolls/<int:pk>/payment-list.pdf", provider.payment_pdf_view, name="payment_pdf"),
    path("payrolls/<int:pk>/returned/", provider.returned_upload_view, name="returned"),
    path(
        "payrolls/<int:pk>/returned/confirm/",
        provider.returned_confirm_view,
        name="returned_confirm",
    ),
    path("payrolls/<int:pk>/lines/<int:line_pk>/mark/", provider.line_mark_view, name="line_mark"),
    path("cases/<int:case_pk>/payments/", payments.case_payments_view, name="case_payments"),
    path("cases/<int:case_pk>/arrangement/", payments.arrangement_view, name="arrangement"),
    path(
        "households/<int:household_pk>/payments/",
        payments.household_payments_view,
        name="household_payments",
    ),
    path("supports/", supports.support_list_view, name="supports"),
    path("supports/ward/<int:ward_pk>/new/", supports.support_new_view, name="support_new"),
    path("supports/<int:pk>/", supports.support_detail_view, name="support_detail"),
    path("supports/<int:pk>/decide/", supports.support_decide_view, name="support_decide"),
    path("supports/<int:pk>/pay/", supports.support_pay_view, name="support_pay"),
    path("supports/<int:pk>/cancel/", supports.support_cancel_view, name="support_cancel"),
    path("supports/<int:pk>/decision.pdf", supports.support_pdf_view, name="support_pdf"),
    path("cards/", cards.cards_view, name="cards"),
    path("cards/requests.xlsx", cards.cards_xlsx_view, name="cards_xlsx"),
    path("campaigns/", campaigns.campaign_list_view, name="campaigns"),
    path("campaigns/ward/<int:ward_pk>/new/", campaigns.campaign_new_view, name="campaign_new"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail_view, name="campaign_detail"),
    path("campaigns/<int:pk>/select/", campaigns.campaign_select_view, name="campaign_select"),
    path("campaigns/<int:pk>/close/", campaigns.campaign_close_view, name="campaign_close"),
    path("campaigns/<int:pk>/add/", campaigns.recipient_add_view, name="recipient_add"),
    path(
        "campaigns/<int:pk>/recipients/<int:recipient_pk>/remove/",
        campaigns.recipient_remove_view,
        name="recipient_remove",
    ),
    path(
        "campaigns/<int:pk>/recipients/<int:recipient_pk>/hand-out/",
        campaigns.hand_out_view,
        name="hand_out",
    ),
    path("campaigns/<int:pk>/ceremony.xlsx", campaigns.ceremony_xlsx_view, name="ceremony_xlsx"),
    path("campaigns/<int:pk>/ceremony.pdf", campaigns.ceremony_pdf_view, name="ceremony_pdf"),
]
