"""``nidaa tor extract`` as a user runs it: the console script, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.tor.renderings import to_docx, to_pdf

NIDAA = Path(sys.executable).with_name("nidaa")
TEXT = "Termes de référence\nRecrutement d'un formateur (ateliers à Oujda).\nContact : rh@exemple.org"
CONTRACT_KEYS = {
    "source", "title", "call_type", "issuer", "project", "partners_funders", "reference", "deadline",
    "deadline_text", "submission_emails", "contact_emails", "email_subject", "required_documents",
    "deliverables", "locations", "duration_days", "languages", "participants", "document_language",
}  # fmt: skip


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NIDAA), "tor", "extract", *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def files(tmp_path: Path) -> list[Path]:
    txt = tmp_path / "appel.txt"
    txt.write_text(TEXT, encoding="utf-8")
    bad = tmp_path / "cassé.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    return [
        to_docx(TEXT, tmp_path / "appel.docx"),
        bad,
        txt,
        to_pdf(TEXT, tmp_path / "appel.pdf", banner=None),
    ]


def test_one_json_line_per_file_in_order_and_exit_1_on_failure(files: list[Path]) -> None:
    result = _run(*map(str, files))
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["source"] for row in rows] == [str(path) for path in files]
    assert rows[1] == {
        "source": str(files[1]),
        "error": "the .docx file is damaged (not a readable zip)",
        "error_code": "corrupt",
    }
    for row, kind in zip([rows[0], rows[2], rows[3]], ["docx", "txt", "pdf"], strict=True):
        assert CONTRACT_KEYS <= row.keys()
        assert row["document_format"] == kind
        assert row["text_length"] == len(TEXT)
    assert "cassé.docx" in result.stdout  # ensure_ascii=False


def test_exit_0_when_all_files_read(files: list[Path]) -> None:
    result = _run(str(files[0]), str(files[2]))
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 2


def test_missing_file_gets_its_line(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "absent.pdf"))
    assert result.returncode == 1
    assert json.loads(result.stdout) == {
        "source": str(tmp_path / "absent.pdf"),
        "error": f"no such file: {tmp_path / 'absent.pdf'}",
        "error_code": "not_found",
    }


def test_pretty_and_help(files: list[Path]) -> None:
    pretty = _run("--pretty", str(files[2]))
    assert pretty.returncode == 0
    assert pretty.stdout.startswith('{\n  "source"')
    assert json.loads(pretty.stdout)["source"] == str(files[2])
    help_ = _run("--help")
    assert help_.returncode == 0
    assert "JSON Lines" in help_.stdout
    assert _run().returncode == 2
