"""Charts drawn on the server: as SVG for the results page (no script,
nothing fetched), and as bar widths (``bars``/``stacked_bars``) that the
printed report lays out in HTML, since WeasyPrint sets SVG text letter by
letter (Arabic would come out unjoined) and cairosvg does not reorder
right-to-left words.

Accessible: ``role="img"`` with a ``<title>`` and a ``<desc>`` naming every
figure, every bar labelled with its value. Right to left (Arabic): labels
stand on the right, bars grow leftwards, ``text-anchor`` is mirrored; the
Arabic strings (given in logical order) are shaped and ordered by the
renderer, never reversed here. The drawing itself sets no ``direction``:
an HTML page places it in a ``dir="ltr"`` box, so that browsers read
``text-anchor`` as the same edge whatever the page's direction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

# Fill colours readable on white, told apart without colour by their order and labels.
PALETTE = ("#9a3412", "#1d4ed8", "#15803d", "#a16207", "#6d28d9", "#be123c", "#0f766e")
FONT = "DejaVu Sans, Amiri, sans-serif"
# Drawn for a phone: 360 units wide, each group's name on its own line above
# its bars, the legend one series a line. A page shows it at most this wide
# and never shrinks it below ~330 px (a 360 px screen's content box), so text
# of SIZE units is never under 12 px on screen.
WIDTH = 360
PAD = 8
SIZE = 14
LINE = 20  # a line of text
BAR = 16
GAP = 10
FIGURE_ROOM = 52  # beside the longest bar: "100,0"


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[float | None, ...]


def _short(label: str, limit: int = 40) -> str:
    """A group's name as it fits on its line (the description keeps it whole)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _text(x: float, y: float, text: str, *, anchor: str, bold: bool = False, fill: str = "") -> str:
    weight = ' font-weight="bold"' if bold else ""
    colour = f' fill="{fill}"' if fill else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{SIZE}" text-anchor="{anchor}"{weight}{colour}>'
        f"{escape(text)}</text>"
    )


def _frame(chart_id: str, title: str, desc: str, height: float, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family={quoteattr(FONT)}>'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<rect width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _legend(series: Sequence[str], *, rtl: bool) -> tuple[list[str], float]:
    """One series a line (a rating scale's five labels never fit side by
    side on a phone); returns the parts and the y where the plot starts."""
    parts = []
    for index, name in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        y = PAD + index * LINE
        if rtl:
            parts.append(
                f'<rect x="{WIDTH - PAD - 14:.1f}" y="{y + 2:.1f}" width="14" height="14" fill="{colour}"/>'
            )
            parts.append(_text(WIDTH - PAD - 20, y + 14, _short(name), anchor="end"))
        else:
            parts.append(f'<rect x="{PAD:.1f}" y="{y + 2:.1f}" width="14" height="14" fill="{colour}"/>')
            parts.append(_text(PAD + 20, y + 14, _short(name), anchor="start"))
    return parts, PAD + len(series) * LINE + GAP


def bar_chart(
    *,
    chart_id: str,
    title: str,
    series: Sequence[str],
    rows: Sequence[Row],
    rtl: bool = False,
    maximum: float = 100.0,
    number: Callable[[float | None], str] = _number,
) -> str:
    """Grouped horizontal bars, one group per row (e.g. pre and post means
    per module), values on a 0..``maximum`` scale (percentages by default),
    each group's name on the line above its bars, each figure written as
    ``number`` writes it (the page's language)."""
    plot = WIDTH - 2 * PAD - FIGURE_ROOM
    body, top = _legend(series, rtl=rtl)
    group = LINE + len(series) * (BAR + 2) + GAP
    height = top + group * len(rows)
    lines = []
    for r, row in enumerate(rows):
        y0 = top + r * group
        if rtl:
            body.append(_text(WIDTH - PAD, y0 + 14, _short(row.label), anchor="end", bold=True))
        else:
            body.append(_text(PAD, y0 + 14, _short(row.label), anchor="start", bold=True))
        figures = []
        for s, value in enumerate(row.values):
            y = y0 + LINE + s * (BAR + 2)
            length = 0.0 if value is None else max(0.0, min(value, maximum)) / maximum * plot
            colour = PALETTE[s % len(PALETTE)]
            if rtl:
                right = WIDTH - PAD
                body.append(
                    f'<rect x="{right - length:.1f}" y="{y:.1f}" width="{length:.1f}" '
                    f'height="{BAR}" fill="{colour}"/>'
                )
                body.append(_text(right - length - 4, y + BAR - 3, number(value), anchor="end"))
            else:
                body.append(
                    f'<rect x="{PAD:.1f}" y="{y:.1f}" width="{length:.1f}" height="{BAR}" fill="{colour}"/>'
                )
                body.append(_text(PAD + length + 4, y + BAR - 3, number(value), anchor="start"))
            figures.append(f"{series[s]} {number(value)}")
        lines.append(f"{row.label}: {', '.join(figures)}")
    return _frame(chart_id, title, "; ".join(lines), height, body)


def stacked_chart(
    *,
    chart_id: str,
    title: str,
    series: Sequence[str],
    rows: Sequence[tuple[str, Sequence[int]]],
    rtl: bool = False,
) -> str:
    """One bar per row split by counts (e.g. a Likert question's answers per
    choice), each part as a share of the row's total, the count written in it;
    the row's name on the line above its bar."""
    plot = WIDTH - 2 * PAD
    body, top = _legend(series, rtl=rtl)
    group = LINE + BAR + 4 + GAP
    height = top + group * len(rows)
    lines = []
    for r, (label, counts) in enumerate(rows):
        y0 = top + r * group
        y = y0 + LINE
        total = sum(counts)
        if rtl:
            body.append(_text(WIDTH - PAD, y0 + 14, _short(label), anchor="end", bold=True))
            edge = float(WIDTH - PAD)
        else:
            body.append(_text(PAD, y0 + 14, _short(label), anchor="start", bold=True))
            edge = float(PAD)
        for s, count in enumerate(counts):
            width = plot * count / total if total else 0.0
            x = edge - width if rtl else edge
            colour = PALETTE[s % len(PALETTE)]
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{BAR + 4}" fill="{colour}"/>'
            )
            if count and width > 10 * len(str(count)) + 8:
                body.append(_text(x + width / 2, y + BAR - 1, str(count), anchor="middle", fill="#ffffff"))
            edge = x if rtl else edge + width
        lines.append(f"{label}: " + ", ".join(f"{series[s]} {c}" for s, c in enumerate(counts)))
    return _frame(chart_id, title, "; ".join(lines), height, body)


@dataclass(frozen=True)
class Part:
    text: str
    width: float  # % of the row's width
    colour: str


@dataclass(frozen=True)
class BarRow:
    label: str
    parts: tuple[Part, ...]


def legend(series: Sequence[str]) -> list[tuple[str, str]]:
    return [(name, PALETTE[i % len(PALETTE)]) for i, name in enumerate(series)]


def bars(
    rows: Sequence[Row], *, maximum: float = 100.0, number: Callable[[float | None], str] = _number
) -> list[BarRow]:
    """``bar_chart``'s rows as widths: one bar per series value, its figure
    (as ``number`` writes it) beside it."""
    return [
        BarRow(
            row.label,
            tuple(
                Part(
                    number(value),
                    0.0 if value is None else round(max(0.0, min(value, maximum)) / maximum * 100, 2),
                    PALETTE[s % len(PALETTE)],
                )
                for s, value in enumerate(row.values)
            ),
        )
        for row in rows
    ]


def stacked_bars(rows: Sequence[tuple[str, Sequence[int]]]) -> list[BarRow]:
    """``stacked_chart``'s rows as widths: each count a share of its row."""
    return [
        BarRow(
            label,
            tuple(
                Part(str(count), round(100 * count / sum(counts), 2) if sum(counts) else 0.0,
                     PALETTE[s % len(PALETTE)])
                for s, count in enumerate(counts)
            ),
        )
        for label, counts in rows
    ]  # fmt: skip
