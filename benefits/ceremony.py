"""The ceremony list of a campaign (danh sách trao quà): per residential group, each
person with the gift and a column to sign for it, as .xlsx and as a PDF (ND 30/2020
layout). The same rows for both."""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils.translation import gettext as _

from ui.documents import Letterhead, Signer, ascii_filename, place_and_date, unit_in_text
from ui.spreadsheets import XlsxBook
from vn.money import amount_in_words

from .exports import LINE_ROW_HEIGHT, MONEY, SIGNATURE_ROW_HEIGHT, group_heading
from .models import Campaign

WIDTHS = (6, 26, 8, 30, 30, 13, 24, 13, 12, 20)


@dataclass
class CeremonyRow:
    number: int
    full_name: str
    birth_year: int | None
    address: str
    group_name: str
    reason: str
    cash: int
    goods: str
    received_on: date | None
    received_by: str


def ceremony_rows(campaign: Campaign) -> list[CeremonyRow]:
    """The people on the list (those taken off left out), by residential group, numbered.
    No national ID, no category beyond the group's name: the list is read out in public
    (DOMAIN.md §5.8)."""
    rows = (
        campaign.recipients.filter(removed_at__isnull=True)
        .order_by("household__residential_group__name", "household__code", "person_id")
        .values_list(
            "person__full_name",
            "person__birth_date",
            "household__address",
            "household__residential_group__name",
            "reason",
            "cash",
            "goods",
            "received_on",
            "received_by",
        )
    )
    return [
        CeremonyRow(n, name, born.year if born else None, address, group or "", *rest)
        for n, (name, born, address, group, *rest) in enumerate(rows, start=1)
    ]


def ceremony_groups(rows: list[CeremonyRow]):
    return [(name, list(items)) for name, items in groupby(rows, key=lambda r: r.group_name)]


def headers() -> list[str]:
    return [
        _("STT"),
        _("Họ và tên"),
        _("Năm sinh"),
        _("Địa chỉ"),
        _("Thuộc nhóm"),
        _("Tiền mặt"),
        _("Hiện vật"),
        _("Ngày nhận"),
        _("Người nhận thay"),
        _("Ký nhận"),
    ]


def ceremony_workbook(campaign: Campaign) -> bytes:
    rows = ceremony_rows(campaign)
    book = XlsxBook()
    bold = book.format(bold=True)
    header = book.format(bold=True, text_wrap=True, valign="vcenter")
    wrap = book.format(text_wrap=True, valign="vcenter")
    money = book.format(num_format=MONEY)
    sheet = book.sheet(_("Danh sách trao quà"), WIDTHS)
    sheet.worksheet.set_landscape()
    sheet.worksheet.set_paper(9)  # A4
    sheet.worksheet.set_default_row(SIGNATURE_ROW_HEIGHT)  # room to sign
    titles = [
        (_("UBND %(ward)s") % {"ward": campaign.ward.name}).upper(),
        (_("Danh sách trao quà: %(name)s") % {"name": campaign.name}).upper(),
        _("Ngày trao: %(d)s · Người tặng: %(giver)s")
        % {"d": f"{campaign.ceremony_on:%d/%m/%Y}", "giver": campaign.giver},
    ]
    for title in titles:
        sheet.append([title], {0: bold}, height=LINE_ROW_HEIGHT)
    sheet.append([], height=LINE_ROW_HEIGHT)
    sheet.worksheet.repeat_rows(sheet.rows)
    names = headers()
    sheet.append(names, dict.fromkeys(range(len(names)), header))
    total = 0
    for name, items in ceremony_groups(rows):
        sheet.append([None, group_heading(name)], {1: bold}, height=LINE_ROW_HEIGHT)
        for r in items:
            sheet.append(
                [
                    r.number,
                    r.full_name,
                    r.birth_year,
                    r.address,
                    r.reason,
                    r.cash,
                    r.goods,
                    r.received_on,
                    r.received_by,
                    None,  # Ký nhận
                ],
                {4: wrap, 5: money, 6: wrap},
            )
        subtotal = sum(r.cash for r in items)
        label = _("Cộng %(group)s: %(n)d người") % {"group": group_heading(name), "n": len(items)}
        sheet.append([None, label, None, None, None, subtotal], {1: bold, 5: money})
        total += subtotal
    sheet.append(
        [None, _("Tổng cộng: %(n)d người") % {"n": len(rows)}, None, None, None, total],
        {1: bold, 5: money},
    )
    return book.content()


def ceremony_context(campaign: Campaign, *, today: date) -> dict:
    """The context of templates/benefits/docs/ceremony_list.html."""
    rows = ceremony_rows(campaign)
    ward = campaign.ward.name
    groups = [
        {"name": group_heading(name), "rows": items, "total": sum(r.cash for r in items)}
        for name, items in ceremony_groups(rows)
    ]
    total = sum(g["total"] for g in groups)
    return {
        "title": _("Danh sách trao quà – %(name)s") % {"name": campaign.name},
        "author": _("Ủy ban nhân dân %(ward)s") % {"ward": unit_in_text(ward)},
        "landscape": True,
        "letterhead": Letterhead(
            issuing_body=(_("Ủy ban nhân dân"), ward),
            symbol="DS-UBND",
            place_date=place_and_date(ward, today),
        ),
        "type_name": _("Danh sách"),
        "summary": _("Trao quà: %(name)s") % {"name": campaign.name},
        "subtitle_lines": [
            _("Ngày trao: %(d)s · Người tặng: %(giver)s")
            % {"d": f"{campaign.ceremony_on:%d/%m/%Y}", "giver": campaign.giver}
        ],
        "groups": groups,
        "people": len(rows),
        "total": total,
        "total_in_words": amount_in_words(total),
        "signers": [
            Signer(title=_("Người lập danh sách")),
            Signer(authority=_("TM. Ủy ban nhân dân"), title=_("Chủ tịch")),
        ],
        "recipients": None,
    }


def ceremony_filename(campaign: Campaign, extension: str) -> str:
    return ascii_filename(f"danh sach trao qua {campaign.name} {campaign.ward.name}", extension)
