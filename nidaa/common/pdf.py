"""HTML template → PDF bytes, for every document Nidaa prints (evaluation
minutes today; mission and report documents can reuse it).

WeasyPrint lays the page out with Pango, and HarfBuzz shapes Arabic, so a
right-to-left page (``dir="rtl"``) prints joined, correctly ordered letters;
the fonts are Debian's (Amiri for Arabic, DejaVu Sans for Latin, see
scripts/system-deps.sh), found through fontconfig: nothing is fetched at run
time, and the renderer refuses every URL a template or a value might name
(``url_fetcher``), so a document cannot reach the network or the disk.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation


class FetchRefused(ValueError):
    pass


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise FetchRefused(f"documents are self-contained: {url!r} is not fetched")


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    """Render ``template`` in ``language`` and print it to PDF bytes."""
    from weasyprint import HTML  # imported late: loading Pango costs ~0.3 s

    with translation.override(language):
        html = render_to_string(
            template,
            {
                **context,
                "LANGUAGE_CODE": language,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
            },
        )
    document = HTML(string=html, url_fetcher=_no_fetch, base_url="about:blank")
    pdf = document.write_pdf()
    assert pdf is not None  # write_pdf() without a target returns the bytes
    return pdf
