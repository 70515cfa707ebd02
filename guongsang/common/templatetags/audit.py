from django import template

from guongsang.common.audit import history_entries

register = template.Library()


@register.inclusion_tag("common/_history.html")
def audit_history(obj, limit: int = 50):
    """The record's change history (who, when, before/after), for its detail page."""
    return {"entries": history_entries(obj, limit=limit)}
