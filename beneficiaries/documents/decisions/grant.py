"""The decision that grants a case (Quyết định hưởng)."""

from django.utils.translation import gettext as _

from ..wording import month_text
from .parts import Articles, Draft


def grant_articles(draft: Draft) -> Articles:
    """The allowance or social pension, its amount and first month; health insurance."""
    pension, person = draft.pension, draft.case.person
    summary = _("Về việc hưởng %(what)s") if pension else _("Về việc %(what)s")
    lead = (
        _("Trợ cấp hưu trí xã hội đối với:") if pension else _("Trợ cấp xã hội hằng tháng đối với:")
    )
    details = [
        *draft.details,
        (_("Mức trợ cấp hằng tháng"), draft.amount),
        (_("Thời điểm hưởng"), _("từ %(m)s") % {"m": month_text(draft.month)}),
    ]
    article2 = (
        _(
            "%(h)s %(name)s được hưởng chế độ bảo hiểm y tế theo quy định; trợ cấp hưu "
            "trí xã hội được chi trả hằng tháng qua đơn vị cung ứng dịch vụ chi trả."
        )
        if pension
        else _(
            "%(h)s %(name)s được cấp thẻ bảo hiểm y tế theo quy định (Điều 9 Nghị định số "
            "20/2021/NĐ-CP); trợ cấp được chi trả hằng tháng qua đơn vị cung ứng dịch vụ "
            "chi trả, truy lĩnh những tháng chưa nhận kể từ tháng được hưởng (nếu có)."
        )
    ) % {"h": draft.honorific.capitalize(), "name": person.full_name}
    return Articles(summary, lead, details, article2)
