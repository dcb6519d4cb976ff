"""HTML → PDF bytes, for every document Nidaa prints (evaluation minutes,
attendance sheets, mission reports).

WeasyPrint lays the page out with Pango, and HarfBuzz shapes Arabic, so a
right-to-left page (``dir="rtl"``) prints joined, correctly ordered letters;
the fonts are Debian's (Amiri for Arabic, DejaVu Sans for Latin, see
scripts/system-deps.sh), found through fontconfig. Nothing is fetched over
the network: only ``data:`` addresses are read, and ``file:`` ones when a
``base_url`` (a local directory of fonts or images) is given, so nothing a
user typed can make the server call out or read its own files.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of ``html``."""
    from weasyprint import HTML  # imported late: loading Pango costs ~0.3 s
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"} if base_url else {"data"}, allow_redirects=False)
    pdf = HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    """Render ``template`` in ``language`` and print it to PDF bytes."""
    with translation.override(language):
        html = render_to_string(
            template,
            {**context, "LANGUAGE_CODE": language, "LANGUAGE_BIDI": translation.get_language_bidi()},
        )
    return html_to_pdf(html)
