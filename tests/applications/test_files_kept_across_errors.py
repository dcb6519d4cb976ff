"""Issue 12: one rejected file cleared every file chosen in the application
form. The acceptable files are now kept as draft files across the error,
shown as kept, and the page opens on an error summary."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nidaa.applications.models import Application, ApplicationFile, ApplicationStatus
from tests.applications.conftest import docx_upload, pdf_upload

IDENTITY = {"applicant_kind": "person", "applicant_name": "Amina Benali"}


def not_a_document() -> SimpleUploadedFile:
    return SimpleUploadedFile("lettre.exe", b"MZ\x90\x00 not a document", "application/octet-stream")


def draft_files(application):
    return sorted(
        (f.piece, f.original_name)
        for f in ApplicationFile.objects.filter(application=application, version=None)
    )


def test_a_rejected_file_keeps_the_acceptable_one_as_a_draft_file(call, applicant_client):
    url = reverse("applications:apply", args=[call.pk])
    response = applicant_client.post(
        url,
        {**IDENTITY, "action": "submit", "cv": pdf_upload("CV Amina.pdf"), "cover_letter": not_a_document()},
    )

    assert response.status_code == 400
    application = Application.objects.get()
    assert application.status == ApplicationStatus.DRAFT
    assert draft_files(application) == [("cv", "CV Amina.pdf")]
    content = response.content.decode()
    assert (
        '<p class="help kept-now" data-kept="cv">✓ Reçu et conservé : CV Amina.pdf (45\xa0octets).' in content
    )
    assert 'data-kept="cover_letter"' not in content


def test_the_page_opens_on_an_error_summary_linking_to_the_field(call, applicant_client):
    url = reverse("applications:apply", args=[call.pk])
    response = applicant_client.post(
        url, {**IDENTITY, "action": "submit", "cv": pdf_upload(), "cover_letter": not_a_document()}
    )

    content = response.content.decode()
    assert content.index('id="error-summary"') < content.index(
        '<form method="post" enctype="multipart/form-data"'
    )
    assert '<li><a href="#id_cover_letter">Lettre de motivation : ' in content
    assert "Les autres fichiers choisis ont été reçus et conservés comme brouillon" in content
    assert 'src="/static/nidaa/apply-form.js"' in content


def test_after_the_error_only_the_rejected_file_is_chosen_again(call, applicant_client):
    url = reverse("applications:apply", args=[call.pk])
    applicant_client.post(
        url,
        {**IDENTITY, "action": "submit", "cv": pdf_upload("CV Amina.pdf"), "cover_letter": not_a_document()},
    )

    response = applicant_client.post(url, {**IDENTITY, "action": "submit", "cover_letter": docx_upload()})

    assert response.status_code == 302
    application = Application.objects.get()
    assert application.status == ApplicationStatus.SUBMITTED
    assert sorted(
        (f.piece, f.original_name)
        for f in ApplicationFile.objects.filter(version__application=application, version__is_latest=True)
    ) == [
        ("cover_letter", "Lettre de motivation.docx"),
        ("cv", "CV Amina.pdf"),
    ]


def test_a_field_error_keeps_the_files_too(call, applicant_client):
    url = reverse("applications:apply", args=[call.pk])
    response = applicant_client.post(
        url, {"applicant_kind": "nonsense", "action": "submit", "cv": pdf_upload("CV Amina.pdf")}
    )

    assert response.status_code == 400
    assert draft_files(Application.objects.get()) == [("cv", "CV Amina.pdf")]


def test_nothing_is_kept_when_every_file_is_rejected(call, applicant_client):
    url = reverse("applications:apply", args=[call.pk])
    applicant_client.post(url, {**IDENTITY, "action": "submit", "cv": not_a_document()})

    assert Application.objects.count() == 0
