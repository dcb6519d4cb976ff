"""HTML to PDF with WeasyPrint (Pango lays the text out and HarfBuzz shapes
Arabic, so names are joined and right-to-left as typed)."""

from __future__ import annotations


def render_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of ``html``. Nothing is fetched over the network: only ``data:``
    addresses are read, and ``file:`` ones when a ``base_url`` (a local
    directory of fonts or images) is given, so nothing a user typed can make
    the server call out or read its own files."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"file", "data"} if base_url else {"data"}, allow_redirects=False)
    pdf = HTML(string=html, base_url=base_url, url_fetcher=fetcher).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)
