"""Pure rules of gift campaigns: the longevity milestone a person reaches, and the gift of
a milestone from the dated rates (DOMAIN.md §7.6). Values in, values out."""

from datetime import date

from vn.dates import age_on

OVER_100 = 101  # the milestone "trên 100 tuổi": every year past 100
MILESTONES = (70, 75, 80, 85, 90, 95, 100, OVER_100)
YEAR, CEREMONY = "year", "ceremony"  # Campaign.AgeOn


def milestone_reached(
    birth: date | None, *, year: int, ceremony_on: date, age_on_: str, milestones
) -> int | None:
    """The milestone the person is due in this campaign, or None.

    Ages are completed ("đủ") ages: by the campaign's year (the age turned in that year,
    whatever the day) or on the ceremony day, as the campaign says. A milestone is due only
    in the year it is reached, so a person one year past 70 is due nothing; past 100 every
    year is the milestone "trên 100 tuổi" (OVER_100) when the campaign lists it."""
    if birth is None:
        return None
    age = year - birth.year if age_on_ == YEAR else age_on(birth, ceremony_on)
    if age > 100:
        return OVER_100 if OVER_100 in milestones else None
    return age if age in milestones else None


def birth_range(milestone: int, *, year: int, ceremony_on: date, age_on_: str):
    """(born on or after, born on or before) for a milestone: the register is searched by
    birth date, not by age (an index, not a scan of every person). None for no bound."""
    if milestone == OVER_100:
        latest = _years_before(ceremony_on, 101) if age_on_ == CEREMONY else None
        return None, latest or date(year - 101, 12, 31)
    if age_on_ == YEAR:
        return date(year - milestone, 1, 1), date(year - milestone, 12, 31)
    # Completed `milestone` years on the ceremony day: born after the day `milestone + 1`
    # years before and on or before the day `milestone` years before.
    earliest = _years_before(ceremony_on, milestone + 1)
    return date.fromordinal(earliest.toordinal() + 1), _years_before(ceremony_on, milestone)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February: the 28th (a person born on the 29th is then a day short)
        return day.replace(year=day.year - years, day=28)


def gift_rate(rates, milestone: int, province_id: int | None, day: date):
    """The rate in force on the day for the milestone: the province's own, else the
    national one (TT 96/2018: 90 and 100), else None."""
    current = [
        r
        for r in rates
        if r.milestone == milestone
        and r.province_id in (None, province_id)
        and r.valid_from <= day
        and (r.valid_to is None or r.valid_to >= day)
    ]
    return max(current, key=lambda r: (r.province_id is not None, r.valid_from), default=None)
