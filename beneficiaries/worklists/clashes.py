"""The persons found to share a national ID when the register's numbers were rewritten in
ASCII digits (households migration 0015), with their open cases: one of them may be paid
twice. The officer resolves each by hand; nothing is merged on its own."""

from dataclasses import dataclass

from django.db.models import Q

from households.models import IdentityClash, Person

from ..models import OPEN_STATUSES, Case

LIMIT = 50


@dataclass
class ClashRow:
    clash: IdentityClash
    person_cases: list[Case]
    other_cases: list[Case]


def identity_clashes(user, *, ward_id: int) -> list[ClashRow]:
    """The ward's open clashes (either person in the ward), oldest first, in two queries."""
    people = Person.objects.visible_to(user).filter(household__ward_id=ward_id).values("pk")
    clashes = list(
        IdentityClash.objects.open()
        .filter(Q(person__in=people) | Q(other__in=people))
        .select_related("person__household", "other__household")
        .order_by("found_on", "pk")[:LIMIT]
    )
    ids = {c.person_id for c in clashes} | {c.other_id for c in clashes}
    cases: dict[int, list[Case]] = {}
    open_cases = Case.objects.visible_to(user).filter(person__in=ids, status__in=OPEN_STATUSES)
    for case in open_cases.order_by("applied_on", "pk"):
        cases.setdefault(case.person_id, []).append(case)
    return [ClashRow(c, cases.get(c.person_id, []), cases.get(c.other_id, [])) for c in clashes]
