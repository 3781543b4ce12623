"""The decision that ends a case (Quyết định thôi hưởng)."""

from django.utils.translation import gettext as _

from ...models import TerminationReason
from ..wording import month_text
from .parts import Articles, Draft, with_earlier


def terminate_articles(draft: Draft) -> Articles:
    """The amount paid until now, why and from which month it stops; burial support
    after a death."""
    event, month, what = draft.event, draft.month, draft.what
    reason = event.get_reason_display()
    if event.note:
        reason = f"{reason} ({event.note})" if reason else event.note
    details = with_earlier(draft)
    details += [
        (_("Mức đang hưởng"), draft.amount),
        (_("Lý do thôi hưởng"), reason),
        (_("Thời điểm thôi hưởng"), _("từ %(m)s") % {"m": month_text(month)}),
    ]
    article2 = _(
        "Đơn vị cung ứng dịch vụ chi trả dừng chi trả %(what)s đối với %(h)s %(name)s "
        "kể từ %(m)s; công chức Văn hóa – Xã hội điều chỉnh danh sách cấp thẻ bảo hiểm y "
        "tế theo quy định."
    ) % {
        "what": what,
        "h": draft.honorific,
        "name": draft.case.person.full_name,
        "m": month_text(month),
    }
    if event.reason == TerminationReason.DEATH:
        article2 += " " + _(
            "Cơ quan, tổ chức, cá nhân tổ chức mai táng được hỗ trợ chi phí mai táng "
            "theo quy định (Điều 11 Nghị định số 20/2021/NĐ-CP)."
        )
    return Articles(
        summary=_("Về việc thôi hưởng %(what)s"),
        lead=_("Thôi hưởng %(what)s đối với:") % {"what": what},
        details=details,
        article2=article2,
    )
