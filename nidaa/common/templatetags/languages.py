"""``{% language_links as links %}``: the page in each interface language, as
plain links (the same path under another language prefix), for the base
layout's language switch. A link needs no form, so the layout carries no CSRF
token and its header can be cached."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_info

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, Any]]:
    """Per language of ``settings.LANGUAGES``: its code, its name in itself,
    the current page's address in it (query string kept) and whether it is
    the page's language. The site's paths are not translated, so swapping the
    prefix is the translation; a page outside the prefixes links to each
    language's home."""
    request = context.get("request")
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path_info() if request is not None else "/"
    prefix = f"/{current}/"
    tail = path[len(prefix) :] if path.startswith(prefix) else ""
    root = get_script_prefix()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "href": f"{root}{code}/{tail}",
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
