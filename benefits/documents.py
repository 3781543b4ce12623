"""The payment list of a ward's payroll as a PDF for cash payment sessions (ND 30/2020
layout): one table per residential group, each person signing for the money received."""

from datetime import date

from django.utils.translation import gettext as _

from ui.documents import Letterhead, Signer, ascii_filename, place_and_date, unit_in_text
from vn.money import amount_in_words

from .exports import group_heading, payroll_people, provider_groups, provider_name
from .models import Method, Payroll

CASH = (Method.CASH_WARD, Method.CASH_HOME)


def payment_list_context(payroll: Payroll, *, today: date, cash_only: bool = True) -> dict:
    """The context of templates/benefits/docs/payment_list.html.

    cash_only: the persons paid in cash, who sign at the session (or at home); those paid
    to an account sign nothing and are left out unless asked for."""
    people = [p for p in payroll_people(payroll) if not cash_only or p.method in CASH]
    groups = [
        {
            "name": group_heading(name),
            "rows": rows,
            "total": sum(p.amount for p in rows),
        }
        for name, rows in provider_groups(people)
    ]
    total = sum(g["total"] for g in groups)
    ward = payroll.ward.name
    month = f"{payroll.month:%m/%Y}"
    subtitles = []
    provider = provider_name(payroll)
    if provider:
        subtitles.append(_("Tổ chức chi trả: %(name)s") % {"name": provider})
    if cash_only:
        subtitles.append(_("(Người nhận bằng tiền mặt)"))
    return {
        "title": _("Danh sách chi trả tháng %(m)s – %(ward)s") % {"m": month, "ward": ward},
        "author": _("Ủy ban nhân dân %(ward)s") % {"ward": unit_in_text(ward)},
        "landscape": True,
        "letterhead": Letterhead(
            issuing_body=(_("Ủy ban nhân dân"), ward),
            symbol="DS-UBND",
            place_date=place_and_date(ward, today),
        ),
        "type_name": _("Danh sách"),
        "summary": _("Chi trả trợ cấp, hỗ trợ tháng %(m)s") % {"m": month},
        "subtitle_lines": subtitles,
        "payroll": payroll,
        "groups": groups,
        "people": sum(len(g["rows"]) for g in groups),
        "total": total,
        "total_in_words": amount_in_words(total),
        "signers": [
            Signer(title=_("Người lập danh sách")),
            Signer(title=_("Đại diện tổ chức chi trả")),
            Signer(authority=_("TM. Ủy ban nhân dân"), title=_("Chủ tịch")),
        ],
        "recipients": None,
    }


def payment_list_filename(payroll: Payroll) -> str:
    return ascii_filename(f"danh sach chi tra {payroll.month:%m %Y} {payroll.ward.name}", "pdf")
