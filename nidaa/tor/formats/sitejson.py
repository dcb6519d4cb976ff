"""A page saved from a site's JSON API rather than from the browser: WordPress's REST API
(``/wp-json/wp/v2/pages/N`` or ``/posts/N``) answers an object whose ``title.rendered`` and
``content.rendered`` hold the page's HTML, escaped inside JSON strings. Portals and
associations' sites run on WordPress, and a "save as" of that address gives a .txt or .json
file of this shape: it is read as the page it holds, not as JSON punctuation."""

from __future__ import annotations

import json
import re
from typing import Any

from nidaa.tor.formats.html import html_to_lines, safe_markup


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered")
    return value if isinstance(value, str) else ""


# "title":{"rendered":"..."} read from the raw text when the JSON is cut short (a response
# saved halfway, a copy limited in length): linear, the string's body is possessive.
_RENDERED = re.compile(r'"(title|content)"\s*:\s*\{\s*"rendered"\s*:\s*"((?:[^"\\]|\\.)*+)')


def _unescape(body: str) -> str:
    body = re.sub(r"\\(?:u[0-9a-fA-F]{0,3})?\Z", "", body)  # an escape cut in the middle
    try:
        value = json.loads(f'"{body}"')
    except ValueError:
        return ""
    return value if isinstance(value, str) else ""


def page_text(text: str) -> str | None:
    """The page's title and content as lines, or None when ``text`` is not such an object."""
    if not text.lstrip().startswith("{"):
        return None
    parts: dict[str, str] = {}
    try:
        data = json.loads(text)
    except ValueError:  # cut short: the rendered strings as far as they go
        for match in _RENDERED.finditer(text):
            parts.setdefault(match.group(1), _unescape(match.group(2)))
    else:
        if isinstance(data, dict):
            parts = {key: _rendered(data.get(key)) for key in ("title", "content")}
    if not parts.get("content"):
        return None
    lines = html_to_lines(safe_markup(parts.get("title", ""))) + html_to_lines(safe_markup(parts["content"]))
    return "\n".join(lines)
