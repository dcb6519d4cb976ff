"""``{{ names|joined }}``: names in the reader's language as it writes a list
("a, b"; "a، b" in Arabic), ``common.lists.joined``."""

from collections.abc import Iterable

from django import template

from nidaa.common import lists

register = template.Library()


@register.filter
def joined(values: Iterable[object]) -> str:
    return lists.joined(str(value) for value in values)
