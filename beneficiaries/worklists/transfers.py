"""The worklists of cases moving between wards (ND 20/2021 Điều 8 khoản 3–4), beside the
others of queries.py and built the same way (one query each, cut with its total):

- the sending ward's open cases whose person no longer lives in the ward: moved away or
  married out, the whole household moved, or now in a household of another ward. The
  move is to be recorded on the case ("cần ghi chuyển đi");
- its moves no ward has received 30 days after the day of the move;
- the cases waiting for the ward to receive them: transferred out of another ward towards
  it or by a person now living in it, or still open there though the person lives here
  (`access.incoming_cases_for_user`).

The first two read the ward's own cases; the third reads other wards' cases, showing only
what the receiving ward may see of them, and counts by the receiving ward.
"""

from datetime import date, timedelta

from django.db.models import F, Q, QuerySet

from households.models import Closed

from ..access import incoming_cases_for_user, moving_case_ids
from ..models import CaseStatus

# A move nobody has received this many days after it shows on the sending ward's list.
UNRECEIVED_DAYS = 30
PAYING = (CaseStatus.ACTIVE, CaseStatus.SUSPENDED)

TRANSFER_ANCHORS = {
    "moved_away": "moved-away",
    "unreceived": "unreceived",
    "incoming": "incoming",
}
TRANSFER_ORDER = {
    "moved_away": ("person__search_name", "pk"),
    "unreceived": ("moved_on", "pk"),
    "incoming": ("left_on", "pk"),
}
# The ward a list's row counts for in an office's summary, when not the case's own.
GROUP_BY = {"incoming": "receiving_ward"}


def moved_away_q() -> Q:
    """The person no longer lives in the case's ward (Person.household is the latest
    membership): registered in another ward, gone from their household, or their whole
    household gone."""
    return (
        ~Q(person__household__ward_id=F("ward_id"))
        | Q(person__moved_out_on__isnull=False)
        | Q(person__household__closed_reason=Closed.MOVED)
    )


def transfer_selections(user, today: date, cases: QuerySet, ward_id: int | None) -> dict:
    """Each list's rows, unordered: `cases` are the ward's (or the scope's) own. The
    cases that may be moving are read first (one query on two small indexes)."""
    moving = moving_case_ids()
    incoming = incoming_cases_for_user(user, moving=moving)
    if ward_id is not None:
        incoming = incoming.filter(receiving_ward=ward_id)
    return {
        "moved_away": cases.filter(pk__in=moving, status__in=PAYING).filter(
            moved_away_q(), person__deceased_on__isnull=True
        ),
        "unreceived": cases.filter(
            status=CaseStatus.TRANSFERRED_OUT,
            transferred_to__isnull=True,
            moved_on__lt=today - timedelta(days=UNRECEIVED_DAYS),
        ),
        "incoming": incoming,
    }


def transfer_rows(name: str, rows: QuerySet) -> QuerySet:
    """What the rows of the list show, read in the list's one query."""
    if name == "moved_away":
        return rows.select_related("person__household__ward", "person__household__moving_to")
    if name == "unreceived":
        return rows.select_related("person", "moving_to")
    return rows  # incoming: annotated and joined by access.incoming_cases_for_user


def describe_transfers(lists) -> None:
    """Add the days since an unreceived move."""
    for case in lists.unreceived.rows:
        case.days_since_move = (lists.today - case.moved_on).days
