from django import template
from django.utils.formats import get_format, number_format

from vn import money, numbers
from vn.names import user_display_name

register = template.Library()


@register.filter
def vnd(amount) -> str:
    """Format an integer amount of đồng the Vietnamese way: 1.500.000 ₫.

    The page's locale gives the thousand separator (1,500,000 ₫ in English); documents
    call vn.money.vnd, which keeps the dots."""
    if amount in (None, ""):
        return ""
    return money.vnd(int(amount), separator=get_format("THOUSAND_SEPARATOR"))


@register.filter
def grouped(number) -> str:
    """Group a count's thousands with the locale's separator: 12.345."""
    if number in (None, ""):
        return ""
    if type(number) is int:  # the common case, at a tenth of number_format's cost
        return numbers.grouped(number, separator=get_format("THOUSAND_SEPARATOR"))
    return number_format(number, force_grouping=True)


@register.filter
def display_name(user) -> str:
    """A user's name in Vietnamese order: Trần Thị Thu."""
    return user_display_name(user)


@register.filter
def percent(share) -> str:
    """A share (0 to 1) as a percentage with one decimal in the locale's way: 66,7 %."""
    if share in (None, ""):
        return ""
    # Rounded here: number_format cuts a float's decimals (1/7 would read 14,2 %).
    return f"{number_format(round(share * 100, 1), 1)} %"
