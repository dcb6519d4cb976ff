"""``{{ call.timezone|zone_label }}``: "Morocco time" rather than "Africa/Casablanca"."""

from django import template

from nidaa.common import zones

register = template.Library()


@register.filter
def zone_label(name: str) -> str:
    return zones.zone_label(str(name or ""))
