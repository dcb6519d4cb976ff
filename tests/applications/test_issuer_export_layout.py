"""The .xlsx export as an issuer opens it (who applies, widths, a filter, a
frozen header, right to left in Arabic) and the zip archive's names in the
issuer's language, read back with openpyxl and zipfile."""

import io
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from nidaa.applications.models import ApplicantKind, Application
from nidaa.directory.models import Territory
from tests.applications.conftest import PDF, docx_bytes
from tests.applications.issuer_helpers import emailed_application, issuer_call, web_application
from tests.conftest import client_for
from tests.factories import UserFactory

CASABLANCA = ZoneInfo("Africa/Casablanca")


@pytest.fixture
def opened(org):
    return issuer_call(org, opened=True, deadline=datetime(2025, 1, 15, 23, 59, tzinfo=CASABLANCA))


@pytest.fixture
def firm(opened):
    """A firm applying on the web, with a phone, two languages and a region."""
    user = UserFactory(username="karim", email="karim@example.ma", first_name="Karim", last_name="Tazi")
    version = web_application(
        opened,
        user,
        files={
            "cv": SimpleUploadedFile("CV Karim.pdf", PDF, "application/pdf"),
            "cover_letter": SimpleUploadedFile("Lettre.docx", docx_bytes(), "application/octet-stream"),
        },
    )
    Application.objects.filter(pk=version.application_id).update(
        applicant_kind=ApplicantKind.FIRM,
        firm_name="Atlas Conseil SARL",
        phone="+212 6 61 23 45 67",
        languages=["ar", "fr", "zgh"],
        region=Territory.objects.get(code="MA-08"),  # Drâa-Tafilalet
    )
    return version.application


def _get(user, language: str, name: str, *args) -> bytes:
    path = f"/{language}" + reverse(name, args=args)[3:]
    response = client_for(user).get(path)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _sheet(body: bytes):
    return load_workbook(io.BytesIO(body)).worksheets[0]


def test_xlsx_says_who_applies_with_phone_languages_and_region(opened, owner, firm):
    emailed_application(opened, email="said@example.net", name="Saïd", files={"cv": ("cv.pdf", PDF)})

    sheet = _sheet(_get(owner, "fr", "applications:call_xlsx", opened.pk))

    rows = [[cell.value for cell in row][:9] for row in sheet.iter_rows()]
    assert rows == [
        [
            "Numéro de récépissé",
            "Candidat",
            "Candidature en tant que",
            "Cabinet ou organisation",
            "E-mail",
            "Téléphone",
            "Langues",
            "Région",
            "Canal",
        ],
        # In the order they arrived: the e-mail three hours before the deadline, the web two.
        [rows[1][0], "Saïd", "Personne physique", None, "said@example.net", None, None, None, "E-mail"],
        [
            firm.receipt_number,
            "Karim Tazi",
            "Cabinet ou organisation",
            "Atlas Conseil SARL",
            "karim@example.ma",
            "+212 6 61 23 45 67",
            "Arabe, Français, Amazighe (tamazight)",
            "Drâa-Tafilalet",
            "Web",
        ],
    ]


def test_xlsx_has_a_frozen_filtered_header_and_columns_as_wide_as_their_content(opened, owner, firm):
    sheet = _sheet(_get(owner, "fr", "applications:call_xlsx", opened.pk))

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:Q2"
    assert sheet.sheet_view.rightToLeft is False
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHIJKLMNOPQ"}
    assert widths == {
        "A": 21,  # "Numéro de récépissé" (19) + 2
        "B": 12,  # "Karim Tazi" (10) + 2
        "C": 25,  # "Candidature en tant que" (23) + 2
        "D": 25,  # "Cabinet ou organisation" (23) + 2
        "E": 18,  # "karim@example.ma" (16) + 2
        "F": 20,  # "+212 6 61 23 45 67" (18) + 2
        "G": 39,  # "Arabe, Français, Amazighe (tamazight)" (37) + 2
        "H": 16,  # "Drâa-Tafilalet" (14) + 2
        "I": 8,  # "Canal", "Web": the minimum
        "J": 19,  # a date and time (17) + 2
        "K": 10,  # "Complète" (8) + 2
        "L": 19,  # "Pièces manquantes" (17) + 2
        "M": 12,  # "Hors délai" (10) + 2
        "N": 10,  # "Versions" (8) + 2
        "O": 14,  # "CV Karim.pdf" (12) + 2
        "P": 22,  # "Lettre de motivation" (20) + 2
        "Q": 17,  # "Autres fichiers" (15) + 2
    }


def test_xlsx_in_arabic_is_a_right_to_left_sheet(opened, owner, firm):
    sheet = _sheet(_get(owner, "ar", "applications:call_xlsx", opened.pk))

    assert sheet.sheet_view.rightToLeft is True
    assert [cell.value for cell in sheet[1]][:4] == [
        "رقم الوصل",
        "المترشح",
        "الترشح بصفة",
        "مكتب دراسات أو هيئة",
    ]
    assert [cell.value for cell in sheet[2]][2:8] == [
        "مكتب دراسات أو هيئة",
        "Atlas Conseil SARL",
        "karim@example.ma",
        "+212 6 61 23 45 67",
        "العربية، الفرنسية، الأمازيغية (تمازيغت)",
        "درعة تافيلالت",
    ]


def _names(body: bytes) -> list[str]:
    return sorted(zipfile.ZipFile(io.BytesIO(body)).namelist())


def test_zip_names_pieces_in_the_language_of_the_call_not_of_the_page(opened, owner, firm):
    opened.document_language = "ar"
    opened.save(update_fields=["document_language"])
    emailed_application(
        opened, email="said@example.net", name="", files={"cv": ("cv.pdf", PDF), "other": ("annexe.pdf", PDF)}
    )
    folder = f"{firm.receipt_number}_karim-tazi"
    mailed = opened.applications.get(applicant_email="said@example.net").receipt_number

    # The issuer reads the pages in French; the organisation wrote its call in Arabic.
    names = _names(_get(owner, "fr", "applications:call_zip", opened.pk))

    assert names == sorted(
        [
            f"{folder}/السيرة الذاتية_CV Karim.pdf",
            f"{folder}/رسالة التحفيز_Lettre.docx",
            f"{mailed}_saidexamplenet/السيرة الذاتية_cv.pdf",
            f"{mailed}_saidexamplenet/ملفات أخرى_annexe.pdf",
        ]
    )
    assert _names(_get(owner, "en", "applications:application_zip", firm.pk)) == [
        f"{folder}/السيرة الذاتية_CV Karim.pdf",
        f"{folder}/رسالة التحفيز_Lettre.docx",
    ]


def test_zip_of_a_call_in_several_languages_names_pieces_in_the_issuers_own_language(opened, owner, firm):
    opened.document_language = "mixed"
    opened.save(update_fields=["document_language"])
    owner.preferred_language = "ar"
    owner.save(update_fields=["preferred_language"])
    folder = f"{firm.receipt_number}_karim-tazi"

    assert _names(_get(owner, "fr", "applications:call_zip", opened.pk)) == [
        f"{folder}/السيرة الذاتية_CV Karim.pdf",
        f"{folder}/رسالة التحفيز_Lettre.docx",
    ]

    owner.preferred_language = "en"
    owner.save(update_fields=["preferred_language"])
    assert _names(_get(owner, "ar", "applications:call_zip", opened.pk)) == [
        f"{folder}/CV_CV Karim.pdf",
        f"{folder}/Cover letter_Lettre.docx",
    ]
