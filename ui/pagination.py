from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import QuerySet


@dataclass
class LookaheadPage:
    """A page found without counting the whole result: one row more tells if there is a next.

    For searches over a province, counting every match costs as much as finding them
    again; the list shows "results 26–50" instead of a total.
    """

    object_list: list
    number: int
    per_page: int
    has_next: bool
    counted: bool = field(default=False, init=False)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)


def lookahead_page(queryset: QuerySet, per_page: int, number) -> LookaheadPage:
    try:
        number = max(1, int(number))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return LookaheadPage(rows[:per_page], number, per_page, has_next=len(rows) > per_page)


def counted_page(queryset: QuerySet, per_page: int, number):
    page = Paginator(queryset, per_page).get_page(number)
    page.counted = True
    return page
