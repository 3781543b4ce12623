"""The worklists: what needs a ward officer's attention as of a day (queries.py), judged
by the dates of vn.dates."""

from .queries import LISTS, WardSummary, Worklists, ward_summary, worklists

__all__ = ["LISTS", "WardSummary", "Worklists", "ward_summary", "worklists"]
