"""Drafts, resubmission that keeps earlier files, and the identity prefilled
from the applicant's profile."""

import hashlib

import pytest
from django.core.cache import cache
from django.urls import reverse

from nidaa.accounts.models import Profile
from nidaa.applications.models import Application, ApplicationFile, ApplicationStatus
from nidaa.applications.services import (
    Identity,
    IncompleteApplication,
    InvalidFiles,
    save_draft,
    submit_application,
)
from nidaa.common.models import AuditEntry
from nidaa.directory.models import Territory
from tests.applications.conftest import PDF, docx_bytes, docx_upload, pdf_upload
from tests.conftest import client_for

IDENTITY = {"applicant_kind": "person", "applicant_name": "Amina Benali"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_draft_keeps_the_uploaded_piece_and_is_not_submitted(call, applicant):
    application = save_draft(call=call, applicant=applicant, files={"cv": pdf_upload("CV brouillon.pdf")})

    assert application.status == ApplicationStatus.DRAFT
    assert application.versions.count() == 0
    drafts = list(application.all_files.filter(version__isnull=True).values_list("piece", "original_name"))
    assert drafts == [("cv", "CV brouillon.pdf")]
    entry = AuditEntry.objects.get(object_type="applications.application", object_id=application.pk)
    assert entry.action == "save_draft"


def test_a_second_draft_replaces_the_piece_it_uploads_and_keeps_the_others(call, applicant):
    save_draft(call=call, applicant=applicant, files={"cv": pdf_upload("v1.pdf")})
    save_draft(call=call, applicant=applicant, files={"cover_letter": docx_upload("lettre.docx")})
    application = save_draft(
        call=call, applicant=applicant, files={"cv": pdf_upload("v2.pdf", PDF + b"%2\n")}
    )

    drafts = sorted(application.all_files.filter(version__isnull=True).values_list("piece", "original_name"))
    assert drafts == [("cover_letter", "lettre.docx"), ("cv", "v2.pdf")]


def test_submitting_after_a_draft_uses_the_draft_files_and_empties_the_draft(call, applicant):
    save_draft(call=call, applicant=applicant, files={"cv": pdf_upload("CV.pdf")})

    version = submit_application(
        call=call, applicant=applicant, files={"cover_letter": docx_upload("L.docx")}
    )

    files = {f.piece: (f.original_name, f.sha256) for f in version.files.all()}
    assert files == {
        "cv": ("CV.pdf", hashlib.sha256(PDF).hexdigest()),
        "cover_letter": ("L.docx", hashlib.sha256(docx_bytes()).hexdigest()),
    }
    assert ApplicationFile.objects.filter(version__isnull=True).count() == 0
    application = Application.objects.get()
    assert (application.status, application.version_count, application.missing_pieces) == ("submitted", 1, [])


def test_resubmission_keeps_the_previous_file_for_a_slot_left_empty(call, applicant):
    first = submit_application(
        call=call,
        applicant=applicant,
        files={"cv": pdf_upload("CV.pdf"), "cover_letter": docx_upload("L1.docx")},
    )
    second = submit_application(
        call=call, applicant=applicant, files={"cv": pdf_upload("CV v2.pdf", PDF + b"% v2\n")}
    )

    assert [(f.piece, f.original_name) for f in second.files.order_by("piece")] == [
        ("cover_letter", "L1.docx"),
        ("cv", "CV v2.pdf"),
    ]
    # The kept letter is the same stored file, not a copy of its bytes.
    letter_v1 = first.files.get(piece="cover_letter")
    letter_v2 = second.files.get(piece="cover_letter")
    assert (letter_v2.file.name, letter_v2.sha256) == (letter_v1.file.name, letter_v1.sha256)
    assert letter_v2.pk != letter_v1.pk
    assert [f.original_name for f in first.files.order_by("piece")] == ["L1.docx", "CV.pdf"]


def test_a_draft_with_a_bad_file_stores_nothing(call, applicant):
    with pytest.raises(InvalidFiles):
        save_draft(call=call, applicant=applicant, files={"cv": pdf_upload("cv.pdf", b"MZ\x90\x00" * 10)})
    assert Application.objects.count() == 0


def test_first_submission_still_needs_every_piece(call, applicant):
    with pytest.raises(IncompleteApplication) as excinfo:
        submit_application(call=call, applicant=applicant, files={"cv": pdf_upload()})
    assert excinfo.value.missing == ["cover_letter"]


def test_identity_is_stored_with_the_application(call, applicant, db):
    region = Territory.objects.filter(kind="region").order_by("code").first()
    identity = Identity(
        kind="firm",
        name="Amina Benali",
        phone="+212 600 000 000",
        firm_name="Atlas Conseil SARL",
        languages=["ar", "fr"],
        region_id=region.pk,
    )
    version = submit_application(
        call=call,
        applicant=applicant,
        files={"cv": pdf_upload(), "cover_letter": docx_upload()},
        identity=identity,
    )

    application = version.application
    assert (
        application.applicant_kind,
        application.applicant_name,
        application.firm_name,
        application.phone,
        application.languages,
        application.region_id,
        application.applicant_email,
    ) == (
        "firm",
        "Amina Benali",
        "Atlas Conseil SARL",
        "+212 600 000 000",
        ["ar", "fr"],
        region.pk,
        "amina@example.org",
    )


def test_the_form_is_prefilled_from_the_profile(call, applicant):
    applicant.first_name, applicant.last_name = "Amina", "Benali"
    applicant.save()
    region = Territory.objects.filter(kind="region").order_by("code").first()
    profile = Profile.objects.create(user=applicant, languages=["ar", "fr"])
    profile.regions.set([region])

    response = client_for(applicant).get(reverse("applications:apply", args=[call.pk]))

    initial = response.context["form"].initial
    assert (initial["applicant_name"], initial["languages"], initial["region"]) == (
        "Amina Benali",
        ["ar", "fr"],
        region.pk,
    )


def test_saving_a_draft_from_the_form_shows_the_kept_file(call, applicant):
    client = client_for(applicant)
    url = reverse("applications:apply", args=[call.pk])

    response = client.post(url, {**IDENTITY, "action": "draft", "cv": pdf_upload("Mon CV.pdf")})

    assert response.status_code == 302
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "Mon CV.pdf" in page
    assert Application.objects.get().status == ApplicationStatus.DRAFT


def test_a_firm_must_give_its_name(call, applicant):
    response = client_for(applicant).post(
        reverse("applications:apply", args=[call.pk]),
        {
            "applicant_kind": "firm",
            "applicant_name": "Amina",
            "cv": pdf_upload(),
            "cover_letter": docx_upload(),
        },
    )
    assert response.status_code == 400
    assert "firm_name" in response.context["form"].errors
    # Nothing is submitted; the acceptable files wait in a draft (issue 12).
    assert list(Application.objects.values_list("status", flat=True)) == ["draft"]


@pytest.mark.parametrize("persona", ["applicant", "outsider"])
def test_saving_and_submitting_are_rate_limited(call, applicant, outsider, settings, persona):
    settings.RATE_LIMIT_APPLY = "2/m"
    client = client_for(applicant if persona == "applicant" else outsider)
    url = reverse("applications:apply", args=[call.pk])
    statuses = [
        client.post(url, {**IDENTITY, "action": "draft", "cv": pdf_upload()}).status_code for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    # Reading the form is not limited.
    assert client.get(url).status_code == 200


def test_the_form_refuses_a_post_without_csrf_token(call, applicant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    response = client.post(
        reverse("applications:apply", args=[call.pk]),
        {**IDENTITY, "cv": pdf_upload(), "cover_letter": docx_upload()},
    )
    assert response.status_code == 403
    assert Application.objects.count() == 0
