"""Whatever the bytes, the reader answers with a Document or a ReadError,
and ``extract_path`` always answers with a row."""

from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nidaa.tor.api import extract_path
from nidaa.tor.document import Document, ReadError
from nidaa.tor.readers import read_bytes
from tests.tor.renderings import to_docx, to_eml, to_html, to_odt, to_pdf

EXTENSIONS = [".docx", ".pdf", ".odt", ".html", ".htm", ".md", ".txt", ".eml", ".doc", ".bin", ""]
TEXT = (
    "Termes de référence\nRéférence\tAE/2025/014\nDate limite\t5 janvier 2025\n"
    "Le programme vise le renforcement des capacités des associations de la région de Fès-Meknès.\n"
    "· CV\n· Note méthodologique\nContact : appel@exemple.org"
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def valid_documents() -> dict[str, bytes]:
    """One valid document per binary-ish format, made once."""
    folder = Path(tempfile.mkdtemp(prefix="nidaa-robust-"))
    paths = [
        to_docx(TEXT, folder / "a.docx"),
        to_pdf(TEXT, folder / "a.pdf"),
        to_odt(TEXT, folder / "a.odt"),
        to_html(TEXT, folder / "a.html"),
    ]
    paths.append(to_eml(folder / "a.eml", body="Bonjour", attachment=paths[0]))
    return {path.suffix: path.read_bytes() for path in paths}


def _read(data: bytes, filename: str) -> None:
    try:
        result = read_bytes(data, filename)
    except ReadError as error:
        assert error.code in {
            "unsupported_type",
            "too_large",
            "corrupt",
            "encrypted",
            "empty",
            "needs_ocr",
            "unsafe",
        }
        assert error.message
    else:
        assert isinstance(result, Document)
        assert isinstance(result.text, str) and result.text


@SETTINGS
@given(data=st.binary(max_size=4096), extension=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes(data: bytes, extension: str) -> None:
    _read(data, f"upload{extension}")


@SETTINGS
@given(
    data=st.sampled_from(
        [b"%PDF-1.4\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xff\xfe", b"\xef\xbb\xbf"]
    ),
    rest=st.binary(max_size=2048),
    extension=st.sampled_from(EXTENSIONS),
)
def test_arbitrary_bytes_behind_a_real_signature(data: bytes, rest: bytes, extension: str) -> None:
    _read(data + rest, f"upload{extension}")


def _mutate(original: bytes, flips: list[tuple[float, int]], keep: float) -> bytes:
    data = bytearray(original[: max(1, int(len(original) * keep))])
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    return bytes(data)


mutations = st.tuples(
    st.sampled_from([".docx", ".pdf", ".odt", ".html", ".eml"]),
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=8),
    st.one_of(st.just(1.0), st.floats(0.01, 1.0)),
)


@SETTINGS
@given(mutation=mutations)
def test_mutated_real_documents(mutation: tuple[str, list[tuple[float, int]], float]) -> None:
    extension, flips, keep = mutation
    _read(_mutate(valid_documents()[extension], flips, keep), f"tdr{extension}")


def _rezip_with_mutated_xml(
    original: bytes, member: str, flips: list[tuple[float, int]], keep: float
) -> bytes:
    """The same package with one XML part damaged but the zip itself valid,
    so the damage reaches the XML walkers rather than stopping at the CRC."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, _mutate(data, flips, keep) if info.filename == member else data)
    return output.getvalue()


@SETTINGS
@given(
    part=st.sampled_from(
        [
            (".docx", "word/document.xml"),
            (".docx", "word/numbering.xml"),
            (".docx", "word/styles.xml"),
            (".odt", "content.xml"),
        ]
    ),  # fmt: skip
    flips=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(b'<>/"=&;:wpt 0')), max_size=6),
    keep=st.one_of(st.just(1.0), st.floats(0.5, 1.0)),
)
def test_damaged_xml_inside_valid_packages(
    part: tuple[str, str], flips: list[tuple[float, int]], keep: float
) -> None:
    extension, member = part
    _read(_rezip_with_mutated_xml(valid_documents()[extension], member, flips, keep), f"tdr{extension}")


@settings(max_examples=60, deadline=None)
@given(mutation=mutations)
def test_extract_path_never_raises(mutation: tuple[str, list[tuple[float, int]], float]) -> None:
    extension, flips, keep = mutation
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"tdr{extension}"
        path.write_bytes(_mutate(valid_documents()[extension], flips, keep))
        row = extract_path(str(path))
    assert row["source"] == str(path)
    assert ("error" in row and "error_code" in row) or "title" in row
