"""Checks across the rows of a list: one head per household, one person in one row."""

from django.utils.translation import gettext as _

from .cells import label
from .rows import HouseholdRow, Problem


def check_households(households: dict[str, HouseholdRow]) -> list[Problem]:
    """Return the problems the list shows once all its rows are read."""
    problems: list[Problem] = []
    for household in households.values():
        problems.extend(_check_heads(household))
    problems.extend(_check_duplicates(households))
    return problems


def _check_heads(household: HouseholdRow) -> list[Problem]:
    """One head per household, counting the rows refused for another reason that name the
    head: the household's own problems show in the same preview as its rows'."""
    heads = sorted(
        [p.row for p in household.persons if p.relation_to_head == "head"] + household.refused_heads
    )
    if len(heads) == 1:
        return []
    column = label("relation_to_head")
    if not heads:
        message = _("Hộ %(code)s không có chủ hộ.") % {"code": household.code}
        return [Problem(household.row, column, message)]
    message = _("Hộ %(code)s có hơn một chủ hộ (chủ hộ đầu tiên ở dòng %(row)d).")
    return [
        Problem(extra, column, message % {"code": household.code, "row": heads[0]})
        for extra in heads[1:]
    ]


def _check_duplicates(households: dict[str, HouseholdRow]) -> list[Problem]:
    """One person in two rows: the same national ID anywhere (an error), or the same name
    and birth date in two households (a warning: it may be two people)."""
    problems = []
    by_id: dict[str, tuple[str, int]] = {}
    by_name: dict[tuple, tuple[str, int]] = {}
    same_id = _(
        "Số định danh %(id)s đã ghi ở dòng %(row)d (hộ %(code)s): một người chỉ thuộc một hộ."
    )
    same_name = _(
        "%(name)s, sinh %(birth)s, cũng có ở hộ %(code)s (dòng %(row)d): kiểm tra "
        "xem có phải một người ghi ở hai hộ."
    )
    for household in households.values():
        for p in household.persons:
            if p.national_id:
                code, row = by_id.setdefault(p.national_id, (household.code, p.row))
                if row != p.row:
                    problems.append(
                        Problem(
                            p.row,
                            label("national_id"),
                            same_id % {"id": p.national_id, "row": row, "code": code},
                        )
                    )
            elif p.birth_date:
                code, row = by_name.setdefault(
                    (p.search_name, p.birth_date), (household.code, p.row)
                )
                if code != household.code:
                    birth = p.birth_date.strftime("%d/%m/%Y")
                    problems.append(
                        Problem(
                            p.row,
                            label("full_name"),
                            same_name
                            % {"name": p.full_name, "birth": birth, "code": code, "row": row},
                            blocking=False,
                        )
                    )
    return problems
