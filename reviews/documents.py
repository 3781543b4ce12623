"""Printable documents of a review round: the list for public posting and the minutes of the
village meeting (QĐ 24/2021/QĐ-TTg Điều 4 khoản 3–4), as PDF (ND 30/2020) and as .xlsx."""

import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from areas.wording import group_in_text
from households.models import Classification, Household
from households.rules import escaped_classification
from ui.documents import (
    XLSX_CONTENT_TYPE,
    Letterhead,
    Recipients,
    Signer,
    ascii_filename,
    document_date,
    document_response,
    file_response,
    place_and_date,
    unit_in_text,
)
from ui.spreadsheets import xlsx_cell, xlsx_value

from . import rules
from .access import get_round_for_user
from .models import (
    Assessment,
    CommunityMeeting,
    ReviewKind,
    ReviewRound,
)
from .queries import round_items, round_people, statuses_before
from .queries.meetings import round_groups


@dataclass(frozen=True)
class ListRow:
    """One household of the list, as printed."""

    code: str
    head: str
    group: str
    address: str
    members: int | None
    income: int | None
    deprivations: int | None
    current: str  # a Classification value, or "" for a household never classified
    proposed: str  # what the decision would record, or "" while not assessed

    @property
    def current_label(self) -> str:
        return str(Classification(self.current).label) if self.current else ""

    @property
    def proposed_label(self) -> str:
        return str(Classification(self.proposed).label) if self.proposed else ""


def list_rows(user, review: ReviewRound, assessments: dict | None = None) -> list[ListRow]:
    """Every household of the round, by code, with its proposal (or none yet).

    assessments (household id → Assessment) replaces the current ones, for the list as it
    stood at an earlier time: then only the households it holds are listed.
    """
    items = round_items(review)
    if assessments is None:
        assessments = {i.household_id: i.assessment for i in items if i.assessment}
    else:
        items = [i for i in items if i.household_id in assessments]
    households = Household.objects.visible_to(user).filter(review_items__review_round=review)
    # The classification in force when the round started, as review_round_open reads it.
    current = statuses_before(households, review.reference_date + timedelta(days=1))
    people = round_people(user, review)  # from the dated memberships
    rows = []
    for item in items:
        household, assessment = item.household, assessments.get(item.household_id)
        before = current.get(item.household_id, "")
        head, living = people.get(item.household_id, ("", 0))
        rows.append(
            ListRow(
                code=household.code,
                head=head,
                group=household.residential_group.name if household.residential_group else "",
                address=household.address,
                members=assessment.members_count if assessment else living,
                income=assessment.income_per_capita if assessment else None,
                deprivations=assessment.deprivation_count if assessment else None,
                current=before,
                proposed=escaped_classification(before or None, assessment.classification)
                if assessment
                else "",
            )
        )
    return rows


def proposal_counts(rows: list[ListRow]) -> list[tuple[str, int]]:
    """(label, number of households) for each proposed classification, in the usual order."""
    counts = Counter(r.proposed for r in rows if r.proposed)
    return [(str(c.label), counts[c.value]) for c in Classification if counts[c.value]]


def _period(review: ReviewRound) -> str:
    if review.kind == ReviewKind.MONTHLY:
        return _("tháng %(m)d/%(y)d") % {"m": review.month, "y": review.year}
    return _("năm %(y)d") % {"y": review.year}


def _ward_letterhead(review: ReviewRound, symbol: str, day: date | None, year: int) -> Letterhead:
    return Letterhead(
        issuing_body=(_("Ủy ban nhân dân"), review.ward.name),
        symbol=symbol,
        place_date=place_and_date(review.ward.name, day, year=year),
    )


def posting_list_context(user, review: ReviewRound, *, today: date) -> dict:
    rows = list_rows(user, review)
    ward = unit_in_text(review.ward.name)
    if review.posting_from and review.posting_to:
        posting = _("Niêm yết công khai từ ngày %(a)s đến ngày %(b)s tại %(place)s") % {
            "place": review.posting_place
            or _("nhà văn hóa các khóm, ấp và trụ sở UBND %(ward)s") % {"ward": ward},
            "a": review.posting_from.strftime("%d/%m/%Y"),
            "b": review.posting_to.strftime("%d/%m/%Y"),
        }
    else:
        posting = _(
            "Đề nghị niêm yết công khai tại nhà văn hóa các khóm, ấp và trụ sở UBND %(ward)s"
        ) % {"ward": ward}
    title = _("Danh sách hộ nghèo, hộ cận nghèo năm %(y)d") % {"y": review.result_year}
    return {
        "title": f"{title} – {review.ward.name}",
        "heading": title,
        "author": _("Ủy ban nhân dân %(ward)s") % {"ward": ward},
        "landscape": True,
        "letterhead": _ward_letterhead(
            review, "DS-UBND", review.posting_from, (review.posting_from or today).year
        ),
        "type_name": _("Danh sách"),
        "summary": _("Hộ nghèo, hộ cận nghèo năm %(y)d") % {"y": review.result_year},
        "subtitle_lines": [
            _("(Kết quả rà soát %(period)s)") % {"period": _period(review)},
            posting,
        ],
        "review": review,
        "rows": rows,
        "counts": proposal_counts(rows),
        "waiting": sum(1 for r in rows if not r.proposed),
        "signers": [Signer(authority=_("TM. Ủy ban nhân dân"), title=_("Chủ tịch"))],
        "recipients": Recipients(
            lines=(
                _("Ban Chỉ đạo rà soát %(ward)s") % {"ward": ward},
                _("Ủy ban MTTQ Việt Nam %(ward)s (giám sát)") % {"ward": ward},
                _("Các khóm, ấp, tổ dân phố (niêm yết)"),
            ),
            archive=_("VT, VHXH"),
        ),
    }


def meeting_assessments(review: ReviewRound, meeting: CommunityMeeting) -> dict | None:
    """The assessments as they stood when the meeting was recorded: a meeting that did not
    pass sends the list back to assessment, and its minutes keep what was voted on. A
    group's meeting voted on its own households only."""
    snapshot = Assessment.history.as_of(meeting.created_at).filter(review_round_id=review.pk)
    found = {a.household_id: a for a in snapshot}
    groups = round_groups(review)
    if len(groups) <= 1:
        return found or None  # no history (a restored copy): the current assessments
    if not found:
        found = {a.household_id: a for a in review.assessments.all()}
    mine = set(groups.get(meeting.residential_group_id, ()))
    return {pk: a for pk, a in found.items() if pk in mine}


def _share(agreed: int, attendance: int) -> float:
    """Per cent of those present who agreed, to one decimal."""
    return round(100 * agreed / attendance, 1) if attendance else 0.0


def minutes_context(user, review: ReviewRound, meeting: CommunityMeeting) -> dict:
    rows = list_rows(user, review, meeting_assessments(review, meeting))
    ward = unit_in_text(review.ward.name)
    agrees = rules.meeting_agrees(meeting.attendance, meeting.agreed)
    share = _share(meeting.agreed, meeting.attendance)
    group = meeting.residential_group
    where = f"{group.name}, {review.ward.name}" if group else review.ward.name
    return {
        "title": _("Biên bản họp dân ngày %(d)s – %(ward)s")
        % {"d": meeting.held_on.strftime("%d/%m/%Y"), "ward": where},
        "author": _("Ban Chỉ đạo rà soát %(ward)s") % {"ward": ward},
        "landscape": False,
        "letterhead": Letterhead(
            parent_body=(_("UBND %(ward)s") % {"ward": review.ward.name},),
            issuing_body=(_("Ban Chỉ đạo rà soát"),),
            symbol="BB-BCĐ",
            place_date=place_and_date(review.ward.name, meeting.held_on),
        ),
        "type_name": _("Biên bản"),
        "summary": _("Họp dân thống nhất kết quả rà soát hộ nghèo, hộ cận nghèo %(period)s")
        % {"period": _period(review)},
        "review": review,
        "meeting": meeting,
        "ward": ward,
        "group": group_in_text(group) if group else "",
        "held_on": document_date(meeting.held_on),
        "rows": rows,
        "counts": proposal_counts(rows),
        "share": share,
        "percent": number_format(share, decimal_pos=0 if share.is_integer() else 1),
        "agrees": agrees,
        "signers": [
            Signer(title=_("Thư ký")),
            Signer(title=_("Chủ trì"), name=meeting.chaired_by),
        ],
        "recipients": Recipients(
            lines=(_("UBND %(ward)s (01 bản)") % {"ward": ward},),
            archive=_("%(group)s (01 bản)") % {"group": group_in_text(group)}
            if group
            else _("khóm, ấp, tổ dân phố (01 bản)"),
        ),
    }


def _filename(review: ReviewRound, what: str, extension: str) -> str:
    period = f"{review.year}-{review.month:02d}" if review.month else str(review.year)
    return ascii_filename(f"{what} {review.ward.name} {period}", extension)


# Spreadsheets: the same documents as tables, for the offices that keep their own workbooks.

LIST_WIDTHS = (6, 14, 26, 16, 30, 10, 16, 11, 22, 24)


def _list_headers() -> list[str]:
    return [
        _("STT"),
        _("Mã hộ"),
        _("Họ và tên chủ hộ"),
        _("Khóm, ấp, tổ dân phố"),
        _("Địa chỉ"),
        _("Số nhân khẩu"),
        _("Thu nhập bình quân (đồng/người/tháng)"),
        _("Số chỉ số thiếu hụt"),
        _("Phân loại hiện nay"),
        _("Đề nghị phân loại"),
    ]


def _write_list(book: Workbook, name: str, context: dict, title_lines: list[str]) -> None:
    sheet = book.create_sheet(name)
    for column, width in zip("ABCDEFGHIJ", LIST_WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    for line in title_lines:
        sheet.append([xlsx_cell(sheet, line, font=bold)])
    sheet.append([])
    sheet.append([xlsx_cell(sheet, h, font=bold, alignment=wrap) for h in _list_headers()])
    for n, row in enumerate(context["rows"], 1):
        values = (
            n,
            row.code,
            row.head,
            row.group,
            row.address,
            row.members,
            row.income,
            row.deprivations,
            row.current_label,
            row.proposed_label,
        )
        cells = [None if v is None else xlsx_value(sheet, v) for v in values]
        if row.income is not None:  # grouped as Excel's locale groups: 1.500.000 in Vietnamese
            cells[6] = xlsx_cell(sheet, row.income, number_format="#,##0")
        sheet.append(cells)


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def posting_list_workbook(context: dict) -> bytes:
    book = Workbook(write_only=True)
    lines = [context["heading"].upper(), context["review"].ward.name, *context["subtitle_lines"]]
    _write_list(book, _("Danh sách niêm yết"), context, lines)
    return _save(book)


def minutes_workbook(context: dict) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Biên bản họp dân"))
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 60
    meeting, bold = context["meeting"], Font(bold=True)
    sheet.append([xlsx_cell(sheet, f"{context['type_name'].upper()}", font=bold)])
    sheet.append([xlsx_cell(sheet, context["summary"], font=bold)])
    sheet.append([xlsx_value(sheet, context["review"].ward.name)])
    sheet.append([])
    facts = [
        (_("Khóm, ấp, tổ dân phố"), context["group"]),
        (_("Ngày họp"), meeting.held_on),
        (_("Địa điểm"), meeting.place),
        (_("Chủ trì"), meeting.chaired_by),
        (_("Số người dự họp"), meeting.attendance),
        (_("Số người đồng ý"), meeting.agreed),
        (_("Tỷ lệ đồng ý (%)"), context["share"]),
        (
            _("Kết luận"),
            _("Thông qua danh sách") if context["agrees"] else _("Chưa thông qua: rà soát lại"),
        ),
        (_("Ý kiến tại cuộc họp"), meeting.notes),
    ]
    facts += [(_("Đề nghị: %(label)s") % {"label": label}, n) for label, n in context["counts"]]
    for label, value in facts:
        sheet.append([xlsx_cell(sheet, label, font=bold), xlsx_cell(sheet, value)])
    _write_list(
        book,
        _("Danh sách đưa ra họp"),
        context,
        [_("Danh sách hộ đưa ra họp dân ngày %(d)s") % {"d": meeting.held_on.strftime("%d/%m/%Y")}],
    )
    return _save(book)


# Views: anyone who may read the round (its ward's officers, the approvers above) may print.


@login_required
@require_GET
def posting_list_pdf_view(request, pk):
    review = get_round_for_user(request.user, pk)
    with translation.override("vi"):  # an administrative document is Vietnamese
        context = posting_list_context(request.user, review, today=timezone.localdate())
        name = _filename(review, "danh sach niem yet", "pdf")
        return document_response(request, "reviews/docs/posting_list.html", context, name)


@login_required
@require_GET
def posting_list_xlsx_view(request, pk):
    review = get_round_for_user(request.user, pk)
    with translation.override("vi"):
        context = posting_list_context(request.user, review, today=timezone.localdate())
        content = posting_list_workbook(context)
    name = _filename(review, "danh sach niem yet", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)


@login_required
@require_GET
def minutes_pdf_view(request, pk, meeting_pk):
    review = get_round_for_user(request.user, pk)
    meeting = get_object_or_404(review.meetings, pk=meeting_pk)
    with translation.override("vi"):
        context = minutes_context(request.user, review, meeting)
        name = _filename(review, f"bien ban hop dan {meeting.held_on:%Y%m%d}", "pdf")
        return document_response(request, "reviews/docs/minutes.html", context, name)


@login_required
@require_GET
def minutes_xlsx_view(request, pk, meeting_pk):
    review = get_round_for_user(request.user, pk)
    meeting = get_object_or_404(review.meetings, pk=meeting_pk)
    with translation.override("vi"):
        content = minutes_workbook(minutes_context(request.user, review, meeting))
    name = _filename(review, f"bien ban hop dan {meeting.held_on:%Y%m%d}", "xlsx")
    return file_response(content, name, XLSX_CONTENT_TYPE)
