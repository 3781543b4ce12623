from django import template

from households.models import Classification

register = template.Library()


@register.filter
def classification_label(value: str) -> str:
    try:
        return Classification(value).label
    except ValueError:
        return value
