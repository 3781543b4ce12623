"""The documents of a decided round (QĐ 24/2021/QĐ-TTg Điều 4, step 5): the ward chair's
decision recognising the lists of poor, near-poor and escaped households, with one annex
per classification, and the household certificates (giấy chứng nhận hộ nghèo, hộ cận
nghèo), laid out as ND 30/2020 asks (DOMAIN.md §10).

Both read what the decision recorded (reviews.queries.recognition), never today's register.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from households.models import Classification
from ui.documents import (
    Letterhead,
    Recipients,
    address_text,
    ascii_filename,
    chair_signer,
    place_and_date,
    split_number,
    unit_in_text,
)

from .models import ReviewRound, ReviewStage
from .queries.recognition import DecidedRow, decided_rows

# The lists the decision recognises, in the order of its Điều 1 and of its annexes. A status
# the round recorded outside them (a household classified middle-income) is the register's,
# not this decision's: middle-income households have their own procedure (QĐ 24/2021).
RECOGNISED = (
    Classification.POOR,
    Classification.NEAR_POOR,
    Classification.ESCAPED_POOR,
    Classification.ESCAPED_NEAR_POOR,
)
# The households that hold a certificate.
CERTIFIED = (Classification.POOR, Classification.NEAR_POOR)
ROMAN = ("I", "II", "III", "IV")
QD_24 = gettext_lazy(
    "Căn cứ Quyết định số 24/2021/QĐ-TTg ngày 16 tháng 7 năm 2021 của Thủ tướng Chính phủ "
    "quy định quy trình rà soát hộ nghèo, hộ cận nghèo hằng năm và quy trình xác định hộ làm "
    "nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình"
)


@dataclass(frozen=True)
class Annex:
    """One classification's list, printed as "Phụ lục I", "Phụ lục II"…"""

    number: str
    label: str  # "Hộ nghèo"
    title: str
    rows: list[DecidedRow]


def decided_round(review: ReviewRound) -> ReviewRound:
    """The round, if decided: a round without a decision has nothing to recognise."""
    if review.stage != ReviewStage.DECIDED or not review.decision_date:
        raise Http404(_("Đợt rà soát chưa có quyết định công nhận."))
    return review


def _decision_ref(review: ReviewRound) -> str:
    return _("Quyết định số %(n)s ngày %(d)s của Chủ tịch Ủy ban nhân dân %(ward)s") % {
        "n": review.decision_number,
        "d": review.decision_date.strftime("%d/%m/%Y"),
        "ward": unit_in_text(review.ward.name),
    }


def _list_title(classification: str, year: int) -> str:
    label = str(Classification(classification).label)
    return _("Danh sách %(what)s năm %(y)d") % {"what": label.lower(), "y": year}


def annexes(rows: list[DecidedRow], year: int) -> list[Annex]:
    """A numbered annex for each classification the decision recognised households in."""
    found = [
        (c, [r for r in rows if r.classification == c])
        for c in RECOGNISED
        if any(r.classification == c for r in rows)
    ]
    return [
        Annex(ROMAN[n], str(Classification(c).label), _list_title(c, year), listed)
        for n, (c, listed) in enumerate(found)
    ]


def _basis(review: ReviewRound) -> list[str]:
    standard = review.standard
    lines = [
        _("Căn cứ Luật Tổ chức chính quyền địa phương năm 2025"),
        str(QD_24),
        _("Căn cứ chuẩn nghèo áp dụng: %(name)s (%(ref)s)")
        % {"name": standard.name, "ref": standard.legal_reference},
        _("Xét kết quả %(review)s và đề nghị của công chức Văn hóa – Xã hội")
        % {"review": str(review)[:1].lower() + str(review)[1:]},
    ]
    return [f"{line}{'.' if n == len(lines) else ';'}" for n, line in enumerate(lines, 1)]


def recognition_context(user, review: ReviewRound) -> dict:
    review = decided_round(review)
    year, ward = review.result_year, unit_in_text(review.ward.name)
    found = annexes(decided_rows(user, review), year)
    number, symbol = split_number(review.decision_number)
    summary = _(
        "Về việc công nhận danh sách hộ nghèo, hộ cận nghèo, hộ thoát nghèo, hộ thoát cận "
        "nghèo năm %(y)d"
    ) % {"y": year}
    executors = _(
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân %(ward)s, công chức Văn hóa – Xã "
        "hội, Trưởng các khóm, ấp, tổ dân phố"
    ) % {"ward": ward}
    return {
        "title": f"{_('Quyết định')} {review.decision_number} – {review.ward.name}",
        "author": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": ward},
        "landscape": False,
        "letterhead": Letterhead(
            issuing_body=(_("Ủy ban nhân dân"), review.ward.name),
            symbol=symbol,
            number=number,
            place_date=place_and_date(review.ward.name, review.decision_date),
        ),
        "type_name": _("Quyết định"),
        "summary": summary,
        "authority": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": review.ward.name},
        "basis": _basis(review),
        "review": review,
        "year": year,
        "ward": ward,
        "total": sum(len(a.rows) for a in found),
        "annexes": found,
        "executors": executors,
        "decision_ref": _decision_ref(review),
        "signers": [chair_signer(review.decision_signer)],
        "recipients": Recipients(
            lines=(
                _("Như Điều 3"),
                _("Ủy ban MTTQ Việt Nam %(ward)s") % {"ward": ward},
            ),
            archive=_("VT, VHXH"),
        ),
    }


@dataclass(frozen=True)
class Certificate:
    """One household's certificate page."""

    row: DecidedRow
    summary: str  # "Hộ nghèo năm 2027"
    letterhead: Letterhead

    ward: str = ""  # the ward's name: "Phường Long Xuyên"

    @property
    def label(self) -> str:
        return str(Classification(self.row.classification).label)

    @property
    def address(self) -> str:
        """The address, its residential group and ward, each once."""
        return address_text((self.row.address, self.row.group, unit_in_text(self.ward)))


def _summary(classification: str, year: int) -> str:
    """ "Hộ nghèo năm 2027": what the certificate certifies."""
    label = Classification(classification).label
    return _("%(what)s năm %(y)d") % {"what": label, "y": year}


def certificates_context(user, review: ReviewRound, household_id: int | None = None) -> dict:
    """Every certificate of the round (the poor and near-poor it recognised), or the one of
    the household; 404 when the decision gave that household none."""
    review = decided_round(review)
    rows = [r for r in decided_rows(user, review) if r.classification in CERTIFIED]
    if household_id is not None:
        rows = [r for r in rows if r.household_id == household_id]
        if not rows:
            raise Http404(_("Hộ này không được công nhận là hộ nghèo, hộ cận nghèo trong đợt."))
    head = Letterhead(
        issuing_body=(_("Ủy ban nhân dân"), review.ward.name),
        symbol="GCN-UBND",
        place_date=place_and_date(review.ward.name, review.decision_date),
    )
    certificates = [
        Certificate(row, _summary(row.classification, row.year), head, review.ward.name)
        for row in rows
    ]
    return {
        "title": _("Giấy chứng nhận hộ nghèo, hộ cận nghèo năm %(y)d – %(ward)s")
        % {"y": review.result_year, "ward": review.ward.name},
        "author": _("Chủ tịch Ủy ban nhân dân %(ward)s") % {"ward": unit_in_text(review.ward.name)},
        "landscape": False,
        "certificates": certificates,
        "ward": unit_in_text(review.ward.name),
        "decision_ref": _decision_ref(review),
        "signer": chair_signer(review.decision_signer),
    }


def filename(review: ReviewRound, what: str) -> str:
    return ascii_filename(f"{what} {review.ward.name} {review.result_year}", "pdf")
