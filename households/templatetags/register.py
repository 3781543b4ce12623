from django import template

from households.models import Classification
from households.queries import search_hits as _search_hits

register = template.Library()


@register.filter
def classification_label(value: str) -> str:
    try:
        return Classification(value).label
    except ValueError:
        return value


@register.filter
def search_hits(members, text) -> list:
    """The members the search box matched, other than the head the row already names."""
    return _search_hits(members, text or "")
