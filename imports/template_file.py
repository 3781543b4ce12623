"""The standard list template of a ward: the columns ansinh reads, with drop-down lists."""

import io
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from areas.models import Area, Level
from areas.queries import vietnamese_order
from households.models import Classification, DisabilityLevel, Relation, Sex

from .columns import FIELDS

ETHNICITIES = Path(__file__).resolve().parent.parent / "households" / "data" / "ethnicities.txt"
COLUMNS = [
    "household_code",
    "residential_group",
    "address",
    "phone",
    "full_name",
    "relation_to_head",
    "birth",
    "sex",
    "national_id",
    "ethnicity",
    "disability_level",
    "classification",
    "notes",
]
ROWS = 2000  # rows the drop-downs cover


def template_workbook(ward: Area) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Danh sách")
    lists = book.create_sheet(_("Danh mục"))
    sheet.append([str(FIELDS[c]) for c in COLUMNS])
    header_fill = PatternFill("solid", fgColor="DCE6F1")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, column in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = 26 if column == "full_name" else 16
    sheet.freeze_panes = "A2"
    # Text columns: codes and ID numbers must keep their leading zeros.
    for column in ("household_code", "national_id", "phone", "birth"):
        letter = get_column_letter(COLUMNS.index(column) + 1)
        for row in range(2, ROWS + 2):
            sheet[f"{letter}{row}"].number_format = "@"
    groups = list(
        Area.objects.filter(parent=ward, level=Level.RESIDENTIAL_GROUP)
        .order_by(vietnamese_order("name"))
        .values_list("name", flat=True)
    )
    choices = {
        "residential_group": groups,
        "relation_to_head": [str(label) for label in Relation.labels],
        "sex": [str(label) for label in Sex.labels],
        "ethnicity": ETHNICITIES.read_text(encoding="utf-8").splitlines(),
        "disability_level": [str(label) for label in DisabilityLevel.labels],
        "classification": [str(label) for label in Classification.labels],
    }
    for n, (column, options) in enumerate(choices.items(), 1):
        if not options:
            continue
        letter = get_column_letter(n)
        lists.cell(row=1, column=n, value=str(FIELDS[column])).font = Font(bold=True)
        for r, option in enumerate(options, 2):
            lists.cell(row=r, column=n, value=option)
        target = get_column_letter(COLUMNS.index(column) + 1)
        check = DataValidation(
            type="list",
            # No leading "=": OOXML stores formulas without it (ECMA-376 §18.3.1.40).
            formula1=f"'{lists.title}'!${letter}$2:${letter}${len(options) + 1}",
            allow_blank=True,
            showErrorMessage=column != "ethnicity",
            errorTitle=_("Giá trị không có trong danh mục"),
            error=_("Hãy chọn trong danh sách thả xuống."),
        )
        check.add(f"{target}2:{target}{ROWS + 1}")
        sheet.add_data_validation(check)
    _instructions(book.create_sheet(_("Hướng dẫn")), ward)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(sheet, ward: Area) -> None:
    lines = [
        _("Mẫu danh sách hộ gia đình – %(ward)s") % {"ward": ward.name},
        "",
        _(
            "Mỗi dòng là một người; các cột của hộ (mã hộ, tổ, địa chỉ, điện thoại, phân loại) "
            "ghi lặp lại trên mỗi dòng của hộ, hoặc chỉ ở dòng đầu."
        ),
        _("Mã hộ: bắt buộc, không trùng trong xã, phường. Nhập lại cùng mã sẽ cập nhật hộ đó."),
        _("Mỗi hộ có đúng một người “Chủ hộ”."),
        _("Ngày sinh: ngày/tháng/năm (05/06/1980) hoặc chỉ năm sinh (1980)."),
        _(
            "Số CCCD: 12 chữ số, khớp năm sinh và giới tính; CMND cũ 9 chữ số. Trẻ em chưa có "
            "thì để trống."
        ),
        _("Tổ dân phố, khóm: chọn trong danh sách; tên mới sẽ được hỏi trước khi tạo."),
        _("Phân loại hộ: năm phân loại và số quyết định ghi khi tải tệp lên."),
        _("Có thể để thêm dòng tiêu đề phía trên và dòng tổng cộng phía dưới."),
    ]
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.column_dimensions["A"].width = 110
