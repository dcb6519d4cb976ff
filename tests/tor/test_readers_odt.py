"""OpenDocument .odt: paragraphs, headings, lists, tables, frames."""

from __future__ import annotations

from pathlib import Path

from odf.draw import Frame, TextBox
from odf.opendocument import OpenDocumentText
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, LineBreak, List, ListItem, P, S, Span, Tab

from nidaa.tor.readers import read_bytes, read_path
from tests.tor.renderings import to_odt


def test_odt_reads_headings_paragraphs_lists_tables_and_frames(tmp_path: Path) -> None:
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text="Appel à consultation"))
    paragraph = P(text="Lieu :")
    paragraph.addElement(S(c=2))
    paragraph.addElement(Span(text="Midelt"))
    paragraph.addElement(Tab())
    paragraph.addElement(Span(text="Boulemane"))
    paragraph.addElement(LineBreak())
    paragraph.addElement(Span(text="Drâa-Tafilalet"))
    document.text.addElement(paragraph)
    items = List()
    for text in ("Note de compréhension", "Proposition financière"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    document.text.addElement(items)
    table = Table(name="Infos")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for key, value in (("Durée", "3 jours"), ("Participants", "25 par zone")):
        row = TableRow()
        for text in (key, value):
            cell = TableCell()
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    document.text.addElement(table)
    anchor = P(text="Encadré :")
    frame = Frame(width="5cm", height="2cm", anchortype="paragraph")
    box = TextBox()
    box.addElement(P(text="Contact : chargeprogramme@exemple.ma"))
    frame.addElement(box)
    anchor.addElement(frame)
    document.text.addElement(anchor)
    path = tmp_path / "appel.odt"
    document.save(str(path))

    result = read_path(path)
    assert result.format == "odt"
    assert result.text == (
        "Appel à consultation\n"
        "Lieu :  Midelt\tBoulemane\n"
        "Drâa-Tafilalet\n"
        "- Note de compréhension\n"
        "- Proposition financière\n"
        "Durée\t3 jours\n"
        "Participants\t25 par zone\n"
        "Encadré :\n"
        "Contact : chargeprogramme@exemple.ma"
    )
    assert read_bytes(path.read_bytes(), "x.docx").format == "odt"  # content wins over the name


def test_odt_rendering_round_trip(tmp_path: Path) -> None:
    text = "Objet\nDurée :\t3 jours\nLieu :\tMidelt\n· un\n· deux\nFin."
    assert read_path(to_odt(text, tmp_path / "r.odt")).text == (
        "Objet\nDurée :\t3 jours\nLieu :\tMidelt\n- un\n- deux\nFin."
    )
