"""The list of people to issue a state-paid or supported health-insurance card, sent to the
social insurance office (.xlsx): who they are, their household and the ground with its
share and the group code the card will carry."""

from datetime import date

from django.utils.translation import gettext as _

from ui.spreadsheets import XlsxBook

from .exports import LINE_ROW_HEIGHT, group_heading
from .models import CardGround
from .queries.cards import CardRow

WIDTHS = (6, 26, 12, 8, 16, 12, 30, 34, 10, 10)


def social_insurance_workbook(ward, rows: list[CardRow], today: date) -> bytes:
    book = XlsxBook()
    bold = book.format(bold=True)
    header = book.format(bold=True, text_wrap=True, valign="vcenter")
    wrap = book.format(text_wrap=True, valign="vcenter")
    sheet = book.sheet(_("Đề nghị cấp thẻ BHYT"), WIDTHS)
    sheet.worksheet.set_landscape()
    sheet.worksheet.set_paper(9)  # A4
    titles = [
        (_("UBND %(ward)s") % {"ward": ward.name}).upper(),
        _("DANH SÁCH ĐỀ NGHỊ CẤP THẺ BẢO HIỂM Y TẾ"),
        _("Người thuộc diện ngân sách nhà nước đóng, hỗ trợ đóng chưa có thẻ còn giá trị"),
        _("Ngày lập: %(d)s") % {"d": f"{today:%d/%m/%Y}"},
    ]
    for title in titles:
        sheet.append([title], {0: bold}, height=LINE_ROW_HEIGHT)
    sheet.append([], height=LINE_ROW_HEIGHT)
    sheet.worksheet.repeat_rows(sheet.rows)
    names = [
        _("STT"),
        _("Họ và tên"),
        _("Ngày sinh"),
        _("Giới tính"),
        _("Số định danh"),
        _("Mã hộ"),
        _("Địa chỉ"),
        _("Đối tượng"),
        _("Tỷ lệ NSNN đóng (%)"),
        _("Mã nhóm"),
    ]
    sheet.append(names, dict.fromkeys(range(len(names)), header))
    sexes = {"male": _("Nam"), "female": _("Nữ")}
    last = None
    for number, r in enumerate(rows, start=1):
        if r.group_name != last:
            sheet.append([None, group_heading(r.group_name)], {1: bold})
            last = r.group_name
        sheet.append(
            [
                number,
                r.full_name,
                r.birth_date,
                sexes.get(r.sex, r.sex),
                r.national_id,  # text: an ID keeps its leading zero
                r.household_code,
                r.address,
                CardGround(r.ground.ground).label,
                r.ground.share,
                r.ground.group_code,
            ],
            {6: wrap, 7: wrap},
        )
    sheet.append([None, _("Tổng cộng: %(n)d người") % {"n": len(rows)}], {1: bold})
    return book.content()
