from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import QuerySet

from vn.numbers import parse_id


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


# No list has this many pages; a larger page= would overflow the query's OFFSET.
MAX_PAGE = 100_000


def page_number(raw) -> int:
    """The page a ?page= asks for: 1 for anything that is not a page number."""
    return min(parse_id(raw) or 1, MAX_PAGE)


def lookahead_page(queryset: QuerySet, per_page: int, number) -> LookaheadPage:
    number = page_number(number)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return LookaheadPage(rows[:per_page], number, per_page, has_next=len(rows) > per_page)


def counted_page(queryset: QuerySet, per_page: int, number):
    page = Paginator(queryset, per_page).get_page(page_number(number))
    page.counted = True
    return page
