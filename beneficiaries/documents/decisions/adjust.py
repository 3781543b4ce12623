"""The decision that adjusts a case (Quyết định điều chỉnh)."""

from django.utils.translation import gettext as _

from ..wording import month_text
from .parts import Articles, Draft, with_earlier


def adjust_articles(draft: Draft) -> Articles:
    """Why and to what the amount changes, from which month; the rest stays as decided."""
    event, month = draft.event, draft.month
    details = with_earlier(draft)
    if event.note:
        details.append((_("Lý do điều chỉnh"), event.note))
    details += [
        (_("Mức trợ cấp hằng tháng sau điều chỉnh"), draft.amount),
        (_("Thời điểm áp dụng"), _("từ %(m)s") % {"m": month_text(month)}),
    ]
    article2 = _(
        "Đơn vị cung ứng dịch vụ chi trả thực hiện chi trả theo mức điều chỉnh tại Điều 1 "
        "kể từ %(m)s; các nội dung khác%(earlier)s giữ nguyên."
    ) % {
        "m": month_text(month),
        "earlier": _(" của %(d)s") % {"d": draft.earlier} if draft.earlier else "",
    }
    return Articles(
        summary=_("Về việc điều chỉnh %(what)s"),
        lead=_("Điều chỉnh %(what)s đối với:") % {"what": draft.what},
        details=details,
        article2=article2,
    )
