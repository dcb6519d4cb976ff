"""The page in each interface language, as plain links (the same path under
another language prefix), for the layout's language switch (the Jinja2 global
``language_links``, printed by common/layout_header.html). A link needs no
form, so a visitor's page carries no CSRF token."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix
from django.utils.translation import get_language, get_language_info


def language_links(request: HttpRequest | None) -> list[dict[str, Any]]:
    """Per language of ``settings.LANGUAGES``: its code, its name in itself,
    the current page's address in it (query string kept) and whether it is
    the page's language. The site's paths are not translated, so swapping the
    prefix is the translation; a page outside the prefixes links to each
    language's home."""
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
