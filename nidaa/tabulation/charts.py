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
WIDTH = 640
LABEL_WIDTH = 190
BAR = 14
GAP = 10
TOP = 40


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[float | None, ...]


def _short(label: str, limit: int = 28) -> str:
    """A group's name as it fits beside the bars (the description keeps it whole)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _text(x: float, y: float, text: str, *, anchor: str, size: int = 11, bold: bool = False) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{weight}>'
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


def _legend(series: Sequence[str], *, rtl: bool) -> list[str]:
    parts = []
    step = (WIDTH - 20) / max(len(series), 1)
    for index, name in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        if rtl:
            x = WIDTH - 10 - index * step
            parts.append(f'<rect x="{x - 12:.1f}" y="12" width="12" height="12" fill="{colour}"/>')
            parts.append(_text(x - 16, 22, name, anchor="end"))
        else:
            x = 10 + index * step
            parts.append(f'<rect x="{x:.1f}" y="12" width="12" height="12" fill="{colour}"/>')
            parts.append(_text(x + 16, 22, name, anchor="start"))
    return parts


def bar_chart(
    *,
    chart_id: str,
    title: str,
    series: Sequence[str],
    rows: Sequence[Row],
    rtl: bool = False,
    maximum: float = 100.0,
) -> str:
    """Grouped horizontal bars, one group per row (e.g. pre and post means
    per module), values on a 0..``maximum`` scale (percentages by default)."""
    plot = WIDTH - LABEL_WIDTH - 60
    group = len(series) * BAR + GAP
    height = TOP + group * len(rows) + 10
    body = _legend(series, rtl=rtl)
    lines = []
    for r, row in enumerate(rows):
        y0 = TOP + r * group
        label_y = y0 + len(series) * BAR / 2 + 4
        if rtl:
            body.append(_text(WIDTH - 10, label_y, _short(row.label), anchor="end", bold=True))
        else:
            body.append(_text(10, label_y, _short(row.label), anchor="start", bold=True))
        figures = []
        for s, value in enumerate(row.values):
            y = y0 + s * BAR
            length = 0.0 if value is None else max(0.0, min(value, maximum)) / maximum * plot
            colour = PALETTE[s % len(PALETTE)]
            if rtl:
                right = WIDTH - LABEL_WIDTH
                body.append(
                    f'<rect x="{right - length:.1f}" y="{y:.1f}" width="{length:.1f}" '
                    f'height="{BAR - 2}" fill="{colour}"/>'
                )
                body.append(_text(right - length - 4, y + BAR - 4, _number(value), anchor="end"))
            else:
                body.append(
                    f'<rect x="{LABEL_WIDTH:.1f}" y="{y:.1f}" width="{length:.1f}" '
                    f'height="{BAR - 2}" fill="{colour}"/>'
                )
                body.append(_text(LABEL_WIDTH + length + 4, y + BAR - 4, _number(value), anchor="start"))
            figures.append(f"{series[s]} {_number(value)}")
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
    choice), each part as a share of the row's total, the count written in it."""
    plot = WIDTH - LABEL_WIDTH - 20
    height = TOP + (BAR + 2 * GAP) * len(rows) + 10
    body = _legend(series, rtl=rtl)
    lines = []
    for r, (label, counts) in enumerate(rows):
        y = TOP + r * (BAR + 2 * GAP)
        total = sum(counts)
        if rtl:
            body.append(_text(WIDTH - 10, y + BAR - 3, _short(label), anchor="end", bold=True))
            edge = float(WIDTH - LABEL_WIDTH)
        else:
            body.append(_text(10, y + BAR - 3, _short(label), anchor="start", bold=True))
            edge = float(LABEL_WIDTH)
        for s, count in enumerate(counts):
            width = plot * count / total if total else 0.0
            x = edge - width if rtl else edge
            colour = PALETTE[s % len(PALETTE)]
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{BAR + 4}" fill="{colour}"/>'
            )
            if count and width > 18:
                body.append(
                    f'<text x="{x + width / 2:.1f}" y="{y + BAR:.1f}" font-size="10" '
                    f'text-anchor="middle" fill="#ffffff">{count}</text>'
                )
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
