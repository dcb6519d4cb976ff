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


def _with_styles(source: Path, edit) -> bytes:
    """The .docx at ``source`` with its word/styles.xml passed through ``edit``."""
    import io
    import zipfile

    output = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name in original.namelist():
            data = original.read(name)
            target.writestr(name, edit(data) if name == "word/styles.xml" else data)
    return output.getvalue()


@pytest.fixture
def numbered(tmp_path: Path) -> Path:
    source = tmp_path / "list.docx"
    document = docx.Document()
    document.add_paragraph("Premier livrable", style="List Number")
    document.add_paragraph("Second livrable", style="List Number")
    document.save(str(source))
    return source


@pytest.mark.parametrize("boundary_offset", [-40, -5, 0, 3])
def test_docx_list_style_found_far_into_styles_and_across_a_read_boundary(
    numbered: Path, boundary_offset: int
) -> None:
    # styles.xml is inflated piece by piece (32 KB) only as far as the styles
    # the paragraphs name: a style placed after 200 KB of others, its id
    # straddling the boundary between two pieces, is still found.
    needle = b'w:styleId="ListNumber"'

    def pad(data: bytes) -> bytes:
        first = data.index(b"<w:style ")
        filler = b"".join(
            b'<w:style w:type="character" w:styleId="Pad%d"><w:name w:val="Pad %d"/></w:style>' % (i, i)
            for i in range(3000)
        )
        data = data[:first] + filler + data[first:]
        # a comment before the filler moves the list style's id onto the boundary
        at = data.index(needle)
        boundary = (at // 32768 + 1) * 32768 + boundary_offset
        comment = b"<!--" + b" " * (boundary - at - 7) + b"-->"
        return data[:first] + comment + data[first:]

    padded = _with_styles(numbered, pad)
    import io
    import zipfile

    styles = zipfile.ZipFile(io.BytesIO(padded)).read("word/styles.xml")
    assert len(styles) > 200_000
    assert styles.index(needle) % 32768 in {(32768 + boundary_offset) % 32768}
    assert read_bytes(padded, "list.docx").text == "1. Premier livrable\n2. Second livrable"


def test_docx_first_of_two_styles_with_one_id_defines_it(numbered: Path) -> None:
    # ECMA-376 17.7.4.17: when two styles share an id the first keeps it. A
    # plain paragraph style declared first under the list style's id wins.
    def shadow(data: bytes) -> bytes:
        first = data.index(b"<w:style ")
        plain = b'<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="Plain"/></w:style>'
        return data[:first] + plain + data[first:]

    assert read_bytes(_with_styles(numbered, shadow), "list.docx").text == "Premier livrable\nSecond livrable"
