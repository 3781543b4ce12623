"""Pure checks on the figures of an area: values in, messages out."""

from datetime import date, timedelta

from django.utils.translation import gettext as _

# Bounds a ward's or group's figure must fit: the largest wards since 2025 hold a few tens
# of thousands of households; a household averages 3 to 4 persons. Beyond these the figure
# is a typing slip (an extra zero, persons and households swapped), not a place.
MAX_HOUSEHOLDS = 1_000_000
MAX_PERSONS_PER_HOUSEHOLD = 20
EARLIEST = date(2000, 1, 1)
AHEAD = timedelta(days=366)  # next year's figure may be entered for the plan before it starts


def population_problems(*, households: int, persons: int, valid_from: date, today: date):
    """Return the Vietnamese reasons a population figure cannot be right (empty if none)."""
    problems = []
    if households <= 0:
        problems.append(_("Tổng số hộ phải lớn hơn 0."))
    elif households > MAX_HOUSEHOLDS:
        problems.append(
            _("Tổng số hộ %(n)s quá lớn cho một địa bàn: hãy kiểm tra lại.") % {"n": households}
        )
    if persons < 0:
        problems.append(_("Số nhân khẩu không được âm."))
    elif households > 0 and persons < households:
        problems.append(
            _("Số nhân khẩu (%(p)s) ít hơn số hộ (%(h)s): mỗi hộ có ít nhất một người.")
            % {"p": persons, "h": households}
        )
    elif households > 0 and persons > MAX_PERSONS_PER_HOUSEHOLD * households:
        problems.append(
            _("Bình quân hơn %(k)s người mỗi hộ: hãy kiểm tra lại số hộ và số nhân khẩu.")
            % {"k": MAX_PERSONS_PER_HOUSEHOLD}
        )
    if not EARLIEST <= valid_from <= today + AHEAD:
        problems.append(
            _("Ngày của số liệu phải từ %(first)s đến %(last)s.")
            % {"first": f"{EARLIEST:%d/%m/%Y}", "last": f"{today + AHEAD:%d/%m/%Y}"}
        )
    return problems
