"""The printable attendance sheet of a session: A4 landscape, headers in French
and Arabic, a numbered line per expected participant (code, Latin and Arabic
names, category and organisation; no phone numbers: the sheet goes from hand
to hand), numbered blank lines for walk-ins, a signature column per half-day
(one column for a session shorter than a day).

Drawn directly with ``common.pdf.Canvas`` (fpdf2 + HarfBuzz): 60 pages take a
fraction of a second where WeasyPrint's layout took 8 s of CPU. Every page
repeats the session's heading and the table's header, and is numbered within
its session, so a page separated from the others still says what it is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from nidaa.common.pdf import Canvas
from nidaa.missions.models import Participant, Session
from nidaa.missions.selectors import expected_participants

# Lines left blank for walk-ins: a fifth of the list, at least five.
MIN_BLANK_LINES = 5

PAGE_WIDTH, PAGE_HEIGHT = 297.0, 210.0  # A4 landscape, millimetres
MARGIN = 10.0
ROW = 7.0
HEAD_ROW = 10.0
TABLE_TOP = 38.0
FOOTER_TOP = PAGE_HEIGHT - 9.0
ROWS_PER_PAGE = int((FOOTER_TOP - 2 - TABLE_TOP - HEAD_ROW) // ROW)


@dataclass(frozen=True)
class Column:
    key: str
    width: float
    french: str
    arabic: str
    align: Literal["L", "C", "R"] = "L"


def columns(*, spans_day: bool, rtl: bool) -> list[Column]:
    """The table's columns in reading order: left to right on a French page,
    right to left (the Arabic name before the Latin one) on an Arabic page."""
    signatures = (
        [
            Column("sign_am", 36, "Signature matin", "التوقيع صباحا"),
            Column("sign_pm", 36, "Signature après-midi", "التوقيع مساء"),
        ]
        if spans_day
        else [Column("sign", 72, "Signature", "التوقيع")]
    )
    names = [
        Column("name_latin", 62, "Nom et prénom", "الاسم بالحروف اللاتينية"),
        Column("name_arabic", 62, "Nom en arabe", "الاسم الكامل بالعربية", "R"),
    ]
    return [
        Column("num", 9, "N°", "الرقم", "C"),
        Column("code", 16, "Code", "الرمز"),
        *(reversed(names) if rtl else names),
        Column("category", 56, "Catégorie / Organisation", "الفئة / الهيئة"),
        *signatures,
    ]


@dataclass(frozen=True)
class Heading:
    french: list[str]
    arabic: list[str]


def heading(session: Session) -> Heading:
    territory = session.zone.territory
    zone_ar = territory.name_ar if territory is not None and territory.name_ar else session.zone.name
    day = session.date.strftime("%d/%m/%Y")
    hours = (
        f" · {session.start_time:%H:%M}–{session.end_time:%H:%M}"
        if session.start_time and session.end_time
        else ""
    )
    french = [
        session.mission.title,
        f"Module : {session.module.title} · Jour {session.day}",
        f"Zone : {session.zone.name} · {day}{hours}",
    ]
    arabic = [
        f"الوحدة: {session.module.title} · اليوم {session.day}",
        f"المنطقة: {zone_ar} · {day}{hours}",
    ]
    if session.venue:
        french.append(f"Lieu : {session.venue}")
        arabic.append(f"المكان: {session.venue}")
    return Heading(french=french, arabic=arabic)


def row_texts(number: int, participant: Participant | None) -> dict[str, str]:
    if participant is None:
        return {"num": str(number)}
    category = participant.category.name if participant.category is not None else ""
    organisation = participant.organization_name
    return {
        "num": str(number),
        "code": participant.code,
        "name_latin": participant.name_latin,
        "name_arabic": participant.name_arabic,
        "category": " · ".join(part for part in (category, organisation) if part),
    }


def draw_page_frame(
    canvas: Canvas, *, head: Heading, ordered: Sequence[Column], page: int, pages: int
) -> None:
    canvas.add_page()
    half = (PAGE_WIDTH - 2 * MARGIN) / 2
    canvas.set_xy(MARGIN, MARGIN)
    canvas.text_cell(half, 8, "Liste de présence", size=13, bold=True)
    canvas.text_cell(half, 8, "لائحة الحضور", size=13, bold=True, align="R")
    for line, text in enumerate(head.french):
        canvas.set_xy(MARGIN, MARGIN + 9 + 4.8 * line)
        canvas.text_cell(half, 4.8, text, size=8.5)
    for line, text in enumerate(head.arabic):
        canvas.set_xy(MARGIN + half, MARGIN + 9 + 4.8 * line)
        canvas.text_cell(half, 4.8, text, size=8.5, align="R")
    canvas.set_fill_color(235, 235, 235)
    x = MARGIN
    for column in ordered:
        canvas.rect(x, TABLE_TOP, column.width, HEAD_ROW, style="DF")
        canvas.set_xy(x, TABLE_TOP + 0.5)
        canvas.text_cell(column.width, 4.5, column.french, size=7.5, bold=True, align="C")
        canvas.set_xy(x, TABLE_TOP + 5)
        canvas.text_cell(column.width, 4.5, column.arabic, size=7.5, bold=True, align="C")
        x += column.width
    canvas.set_xy(MARGIN, FOOTER_TOP)
    canvas.text_cell(PAGE_WIDTH - 2 * MARGIN, 5, f"{page} / {pages}", size=7.5, align="C")


def draw_session(canvas: Canvas, session: Session, *, rtl: bool) -> None:
    participants: list[Participant | None] = list(expected_participants(session=session))
    lines = participants + [None] * max(MIN_BLANK_LINES, len(participants) // 5)
    cols = columns(spans_day=session.spans_day, rtl=rtl)
    # Drawn from the left margin: an Arabic page's first column is the rightmost.
    ordered = list(reversed(cols)) if rtl else cols
    head = heading(session)
    pages = math.ceil(len(lines) / ROWS_PER_PAGE)
    for page in range(pages):
        draw_page_frame(canvas, head=head, ordered=ordered, page=page + 1, pages=pages)
        first = page * ROWS_PER_PAGE
        rows = lines[first : first + ROWS_PER_PAGE]
        draw_grid(canvas, ordered=ordered, rows=len(rows))
        y = TABLE_TOP + HEAD_ROW
        for number, participant in enumerate(rows, start=first + 1):
            texts = row_texts(number, participant)
            x = MARGIN
            for column in ordered:
                text = texts.get(column.key, "")
                if text:  # an empty cell is only its grid lines
                    canvas.set_xy(x, y)
                    canvas.text_cell(column.width, ROW, text, size=8.5, align=column.align)
                x += column.width
            y += ROW


def draw_grid(canvas: Canvas, *, ordered: Sequence[Column], rows: int) -> None:
    """The table's lines under the header: one stroke per row and per column
    rather than four per cell."""
    top, bottom = TABLE_TOP + HEAD_ROW, TABLE_TOP + HEAD_ROW + rows * ROW
    right = MARGIN + sum(column.width for column in ordered)
    for row in range(1, rows + 1):
        canvas.line(MARGIN, top + row * ROW, right, top + row * ROW)
    x = MARGIN
    canvas.line(x, top, x, bottom)
    for column in ordered:
        x += column.width
        canvas.line(x, top, x, bottom)


def attendance_sheets(*, sessions: Iterable[Session], lang: str) -> bytes:
    """The sheets of ``sessions``, one after the other, as one PDF; ``lang``
    "ar" lays the table's columns right to left."""
    canvas = Canvas(orientation="landscape")
    canvas.set_title("Liste de présence · لائحة الحضور")
    canvas.set_line_width(0.25)
    for session in sessions:
        draw_session(canvas, session, rtl=lang == "ar")
    return canvas.to_bytes()
