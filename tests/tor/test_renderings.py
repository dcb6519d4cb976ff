"""The five real calls, rendered as .docx/.pdf/.odt/.html, read back to the
same text structure and the same fields as their .txt.

The corpus is other organisations' documents: read from ../shared (or
$NIDAA_TOR_CORPUS), never copied into the project.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nidaa.tor.api import extract_path
from nidaa.tor.readers import read_path
from tests.tor.corpus import seeds
from tests.tor.renderings import to_docx, to_html, to_odt, to_pdf

SEEDS = seeds()
pytestmark = pytest.mark.usefixtures("corpus")

CONTRACT_KEYS = (
    "title", "call_type", "issuer", "project", "partners_funders", "reference", "deadline", "deadline_text",
    "submission_emails", "contact_emails", "email_subject", "required_documents", "deliverables", "locations",
    "duration_days", "languages", "participants", "document_language",
)  # fmt: skip
RENDERERS = {"docx": to_docx, "pdf": to_pdf, "odt": to_odt, "html": to_html}
_BULLET = re.compile(r"^[-–—•·▪*]\s*")
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("renderings")
    return {
        (seed.stem, kind): render(seed.read_text(encoding="utf-8"), folder / f"{seed.stem}.{kind}")
        for seed in SEEDS
        for kind, render in RENDERERS.items()
    }


def folded_lines(text: str, *, skip_arabic: bool = False) -> set[str]:
    """Non-empty lines, whitespace folded, bullet characters dropped (a Word
    list item has no "·" in its text)."""
    lines = {_BULLET.sub("", " ".join(line.split())) for line in text.split("\n")}
    return {line for line in lines if line and not (skip_arabic and _ARABIC.search(line))}


@pytest.mark.parametrize("kind", sorted(RENDERERS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_rendering_reads_back_to_the_same_lines(seed: Path, kind: str, rendered: dict) -> None:
    # fpdf2 without a shaping engine writes Arabic glyphs in visual order, so
    # Arabic lines of the PDF rendering are not comparable.
    skip_arabic = kind == "pdf"
    expected = folded_lines(read_path(seed).text, skip_arabic=skip_arabic)
    document = read_path(rendered[(seed.stem, kind)])
    assert document.format == kind
    got = folded_lines(document.text, skip_arabic=skip_arabic)
    assert sorted(expected - got) == [] and sorted(got - expected) == []


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_rendering_gives_the_same_fields_as_the_text(seed: Path, kind: str, rendered: dict) -> None:
    expected = extract_path(str(seed))
    got = extract_path(str(rendered[(seed.stem, kind)]))
    assert "error" not in got
    assert {key: got[key] for key in CONTRACT_KEYS} == {key: expected[key] for key in CONTRACT_KEYS}
