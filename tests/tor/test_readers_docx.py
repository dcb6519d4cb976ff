"""Word .docx: body order, tables, text boxes, headers/footers, lists."""

from __future__ import annotations

import copy
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from nidaa.tor.readers import read_bytes, read_path
from tests.tor.renderings import to_docx

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _text_box(paragraph, lines: list[str]) -> None:
    """Anchor a DrawingML text box (as Word writes it, with its VML
    fallback) holding ``lines`` in ``paragraph``."""
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in lines)
    xml = (
        f'<w:r xmlns:w="{W_NS}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>'
        f"<w:txbxContent>{body}</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>{body}</w:txbxContent>"
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    paragraph._p.append(etree.fromstring(xml))


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Association Exemple — Programme Tawassol"
    document.sections[0].footer.paragraphs[0].text = "Siège : 12 rue des Orangers, Rabat"
    document.add_heading("Termes de référence", level=1)
    document.add_paragraph("Recrutement d'un consultant chargé de l'évaluation finale.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Référence"
    table.cell(0, 1).text = "AE/2025/014"
    table.cell(1, 0).text = "Date limite"
    table.cell(1, 1).text = "15 mars 2025 à 17h00"
    anchor = document.add_paragraph("Contacts :")
    _text_box(anchor, ["Écrire à appel@exemple.org", "Objet : AE/2025/014"])
    document.add_paragraph("Livrables :")
    document.add_paragraph("Rapport de démarrage", style="List Bullet")
    document.add_paragraph("Rapport final", style="List Bullet")
    document.add_paragraph("Note de compréhension", style="List Number")
    document.add_paragraph("Offre financière", style="List Number")
    path = tmp_path / "tdr.docx"
    document.save(str(path))
    return path


def test_docx_reads_body_tables_text_boxes_lists_header_and_footer(sample: Path) -> None:
    document = read_path(sample)
    assert document.format == "docx"
    assert document.text == (
        "Association Exemple — Programme Tawassol\n\n"
        "Termes de référence\n"
        "Recrutement d'un consultant chargé de l'évaluation finale.\n"
        "Référence\tAE/2025/014\n"
        "Date limite\t15 mars 2025 à 17h00\n"
        "Contacts :\n"
        "Écrire à appel@exemple.org\n"
        "Objet : AE/2025/014\n"
        "Livrables :\n"
        "- Rapport de démarrage\n"
        "- Rapport final\n"
        "1. Note de compréhension\n"
        "2. Offre financière\n\n"
        "Siège : 12 rue des Orangers, Rabat"
    )


def test_docx_is_detected_by_content_not_name(sample: Path) -> None:
    assert read_bytes(sample.read_bytes(), "upload.bin").format == "docx"


def test_docx_rendering_of_header_block_is_a_table(tmp_path: Path) -> None:
    text = "Titre\nProjet\tPAGOF 2\nPays\tMaroc\n\nUn paragraphe.\n· premier point\n· second point"
    path = to_docx(text, tmp_path / "r.docx")
    assert len(docx.Document(str(path)).tables) == 1
    assert (
        read_path(path).text
        == "Titre\nProjet\tPAGOF 2\nPays\tMaroc\nUn paragraphe.\n- premier point\n- second point"
    )


def test_docx_one_cell_layout_rows_keep_their_paragraphs(tmp_path: Path) -> None:
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "Premier paragraphe de l'encadré."
    cell.add_paragraph("Second paragraphe de l'encadré.")
    path = tmp_path / "box.docx"
    document.save(str(path))
    assert read_path(path).text == "Premier paragraphe de l'encadré.\nSecond paragraphe de l'encadré."


def test_docx_tabs_breaks_and_deleted_text(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Lieu")
    run = paragraph.add_run()
    run.add_tab()
    run.add_text("Oujda")
    run.add_break()
    run.add_text("Saïdia")
    deleted = copy.deepcopy(paragraph._p[-1])
    for text in deleted.iter(qn("w:t")):
        text.tag = qn("w:delText")
        text.text = "SUPPRIMÉ"
    wrapper = etree.SubElement(paragraph._p, qn("w:del"))
    wrapper.append(deleted)
    path = tmp_path / "tabs.docx"
    document.save(str(path))
    assert read_path(path).text == "Lieu\tOujda\nSaïdia"


def test_docx_style_numbering_with_another_namespace_prefix(tmp_path: Path) -> None:
    # Producers other than Word may spell the namespace prefix differently:
    # the styles are then read with the XML parser instead of the fast scan.
    import io
    import zipfile

    source = tmp_path / "list.docx"
    document = docx.Document()
    document.add_paragraph("Premier livrable", style="List Number")
    document.add_paragraph("Second livrable", style="List Number")
    document.save(str(source))
    output = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(output, "w") as target:
        for name in original.namelist():
            data = original.read(name)
            if name == "word/styles.xml":
                data = data.replace(b"<w:", b"<ww:").replace(b"</w:", b"</ww:").replace(b" w:", b" ww:")
                data = data.replace(b"xmlns:w=", b"xmlns:ww=")
            target.writestr(name, data)
    assert read_bytes(output.getvalue(), "list.docx").text == "1. Premier livrable\n2. Second livrable"


def test_docx_style_numbering_comes_through_the_styles_a_style_is_based_on(tmp_path: Path) -> None:
    # Only the styles the paragraphs name are looked up in styles.xml, then the
    # styles they are based on: a custom style based on "List Number" numbers
    # its paragraphs, one based on "Normal" does not, and a style based on the
    # custom one goes on with the same list.
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    deliverable = document.styles.add_style("Livrable", WD_STYLE_TYPE.PARAGRAPH)
    deliverable.base_style = document.styles["List Number"]
    plain = document.styles.add_style("Texte courant", WD_STYLE_TYPE.PARAGRAPH)
    plain.base_style = document.styles["Normal"]
    final = document.styles.add_style("Livrable final", WD_STYLE_TYPE.PARAGRAPH)
    final.base_style = deliverable
    document.add_paragraph("Rapport de démarrage", style="Livrable")
    document.add_paragraph("Le rapport est remis en trois exemplaires.", style="Texte courant")
    document.add_paragraph("Rapport d'étape", style="Livrable")
    document.add_paragraph("Rapport final", style="Livrable final")
    path = tmp_path / "livrables.docx"
    document.save(str(path))
    assert read_path(path).text == (
        "1. Rapport de démarrage\nLe rapport est remis en trois exemplaires.\n2. Rapport d'étape\n3. Rapport final"
    )
