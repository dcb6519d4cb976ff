"""The printable sheet read back: every expected participant on it, Arabic
names in logical order. pdfium returns the words of a right-to-left line in
visual order, so each word is checked on its own: found exactly as typed (the
sheet is shaped by HarfBuzz in Amiri, whose lam-alef ligatures map back to
their two letters in logical order), never reversed letter by letter."""

import pypdfium2

from nidaa.missions.documents import attendance_sheets_pdf
from tests.factories import ParticipantFactory, SessionFactory, ZoneFactory

ARABIC = ["أمينة الإدريسي", "يوسف بنعلي", "فاطمة الزهراء العلوي"]


def pages_text(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def test_sheet_lists_every_expected_participant_with_arabic_names_in_logical_order(mission):
    session = SessionFactory(
        mission=mission, zone=ZoneFactory(mission=mission, name="Fès"), venue="Salle Atlas"
    )
    latin = [f"Participant Numéro {i:02d}" for i in range(40)]
    for i, name in enumerate(latin):
        ParticipantFactory(
            mission=mission, zone=session.zone, name_latin=name, name_arabic=ARABIC[i % 3] if i < 3 else ""
        )
    other_zone = ParticipantFactory(mission=mission, name_latin="Absent Ailleurs")
    pdf = attendance_sheets_pdf(sessions=[session], lang="ar")
    pages = pages_text(pdf)
    text = "\n".join(pages)
    assert pdf[:5] == b"%PDF-"
    assert [name for name in latin if name not in text] == []
    assert other_zone.name_latin not in text
    words = {word for name in ARABIC for word in name.split()}
    assert sorted(w for w in words if w not in text) == []
    assert sorted(w for w in words if w[::-1] in text and w[::-1] != w) == []
    # Both languages' headers, on every page (the header row repeats).
    assert all("Signature matin" in page and "التوقيع" in page for page in pages)
    assert len(pages) > 1  # the repeated header is checked on a sheet of several pages


def test_sheet_leaves_blank_numbered_lines_for_walk_ins(mission):
    session = SessionFactory(mission=mission)
    for i in range(3):
        ParticipantFactory(mission=mission, zone=session.zone, name_latin=f"Inscrit {i}")
    text = "\n".join(pages_text(attendance_sheets_pdf(sessions=[session], lang="fr")))
    # Three listed participants, then five numbered blank lines (4..8).
    assert [str(n) in text.split() for n in range(1, 9)] == [True] * 8
