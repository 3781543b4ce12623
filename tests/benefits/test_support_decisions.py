"""The decision on a one-off support as its context says it: a higher amount than the law's
minimum says so, and the payroll month named is one not yet approved."""

from datetime import date

from benefits.models import BenefitType, Payroll
from benefits.services.supports import support_decide, support_propose
from benefits.support_decisions import support_decision_context

from ..factories import HouseholdFactory, PersonFactory


def test_a_higher_amount_names_the_minimum_and_the_next_open_payroll(ward_officer, ward):
    person = PersonFactory(household=HouseholdFactory(ward=ward), deceased_on=date(2026, 10, 2))
    support = support_propose(
        user=ward_officer,
        ward=ward,
        benefit_type=BenefitType.objects.get(code="funeral"),
        event_on=date(2026, 10, 2),
        person=person,
        amount=12_000_000,
    )
    support_decide(
        user=ward_officer, support=support, decided_on=date(2026, 10, 5), signer="PCT Lê Văn B"
    )
    Payroll.objects.create(ward=ward, month=date(2026, 11, 1), status=Payroll.Status.APPROVED)

    context = support_decision_context(support)

    details = dict(context["details"])
    assert details["Mức hỗ trợ"].startswith("12.000.000 đồng (Bằng chữ: Mười hai triệu đồng")
    assert details["Cách tính"] == (
        "cao hơn mức tối thiểu 10.000.000 đồng (20 × mức chuẩn trợ giúp xã hội 500.000 đồng, "
        "quy định tại Điều 11 Nghị định 20/2021/NĐ-CP)"
    )
    assert "tháng 12/2026" in context["article2"]  # November's payroll is already approved
    assert (context["signers"][0].title, context["signers"][0].name) == ("Phó Chủ tịch", "Lê Văn B")
