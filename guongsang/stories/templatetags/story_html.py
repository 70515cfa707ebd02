from django import template
from django.utils.safestring import mark_safe

from guongsang.stories.html import clean_html as _clean_html

register = template.Library()


@register.filter
def clean_html(value) -> str:
    """A story body, sanitised again as it is rendered (only the allowed tags survive)."""
    return mark_safe(_clean_html(str(value or "")))  # noqa: S308 — nh3 has just cleaned it
