"""The QR code of a participants' link, drawn on the server as SVG (no script, nothing fetched)."""

from __future__ import annotations

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(url: str, *, scale: int = 6) -> SafeString:
    """Inline SVG of ``url`` (error correction M: readable from a printed sheet
    on a cheap phone's camera)."""
    svg = segno.make(url, error="m", micro=False).svg_inline(scale=scale, border=2, dark="#000", light="#fff")
    return mark_safe(svg)  # noqa: S308 - drawn by segno from our own URL, no user markup
