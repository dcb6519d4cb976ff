"""The applicant's profile: only its owner sees and edits it; the CV is checked by content."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from nidaa.accounts.forms import CV_MAX_BYTES, detect_cv_type
from nidaa.accounts.models import Profile
from tests.factories import ProfileFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

PROFILE = "/fr/accounts/profile/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = Document()
    document.add_paragraph("Amina, formatrice")
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def form_data(**overrides):
    return {"skills": "facilitation, plaidoyer", "languages": ["fr", "ar"], "bio": "Formatrice.", **overrides}


@pytest.mark.parametrize(
    ("content", "kind"),
    [(PDF, "pdf"), (docx_bytes(), "docx"), (odt_bytes(), "odt"), (b"MZ\x90\x00" + b"\0" * 100, None)],
)
def test_cv_type_comes_from_the_content(content, kind):
    assert detect_cv_type(io.BytesIO(content)) == kind


def test_owner_edits_skills_languages_regions_and_bio(applicant, applicant_client):
    region = TerritoryFactory(code="MA-TEST-R", kind="region", name_fr="Région test")

    response = applicant_client.post(
        PROFILE,
        form_data(skills="Facilitation,  plaidoyer , facilitation", regions=[region.pk], is_public="on"),
    )

    assert response.status_code == 302
    profile = Profile.objects.get(user=applicant)
    assert profile.skills == ["Facilitation", "plaidoyer"]
    assert profile.languages == ["fr", "ar"]
    assert list(profile.regions.all()) == [region]
    assert profile.bio == "Formatrice."
    assert profile.is_public is True


def test_a_commune_is_not_a_region_choice(applicant_client):
    commune = TerritoryFactory(kind="commune")
    response = applicant_client.post(PROFILE, form_data(regions=[commune.pk]))
    assert response.status_code == 200
    assert "regions" in response.context["form"].errors


def test_anonymous_is_sent_to_sign_in(anon_client):
    for path in (PROFILE, "/fr/accounts/profile/cv/"):
        response = anon_client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/fr/accounts/login/?next=")


def test_outsider_sees_only_their_own_profile(applicant, outsider_client):
    ProfileFactory(user=applicant, bio="Bio privée d'Amina", skills=["plaidoyer"])

    response = outsider_client.get(PROFILE)

    assert response.status_code == 200
    assert "Bio privée d'Amina" not in response.content.decode()
    assert outsider_client.get("/fr/accounts/profile/cv/").status_code == 404
    outsider_client.post(PROFILE, form_data(bio="Modifié"))
    assert Profile.objects.get(user=applicant).bio == "Bio privée d'Amina"


def test_cv_is_stored_under_a_random_name_and_served_to_its_owner(applicant, applicant_client):
    upload = SimpleUploadedFile("../../CV Amina.pdf", PDF, content_type="application/pdf")

    assert applicant_client.post(PROFILE, form_data(cv=upload)).status_code == 302

    profile = Profile.objects.get(user=applicant)
    assert profile.cv.name.startswith("cv/")
    assert profile.cv.name.endswith(".pdf")
    assert "Amina" not in profile.cv.name
    assert profile.cv_original_name == "CV Amina.pdf"
    response = applicant_client.get("/fr/accounts/profile/cv/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="CV Amina.pdf"' in response["Content-Disposition"]


def test_a_renamed_exe_is_refused_and_the_previous_cv_kept(applicant, applicant_client):
    applicant_client.post(PROFILE, form_data(cv=SimpleUploadedFile("cv.docx", docx_bytes())))
    before = Profile.objects.get(user=applicant).cv.name

    exe = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00\x03" + b"\0" * 2000, content_type="application/pdf")
    response = applicant_client.post(PROFILE, form_data(cv=exe, bio="Nouvelle bio"))

    assert response.status_code == 200
    assert response.context["form"].errors["cv"] == [
        "Le CV doit être un document PDF, Word (.docx) ou OpenDocument (.odt)."
    ]
    profile = Profile.objects.get(user=applicant)
    assert profile.cv.name == before
    assert profile.bio == "Formatrice."
    assert profile.cv.storage.exists(before)


def test_an_oversized_cv_is_refused_and_the_previous_cv_kept(applicant, applicant_client):
    applicant_client.post(PROFILE, form_data(cv=SimpleUploadedFile("cv.odt", odt_bytes())))
    before = Profile.objects.get(user=applicant).cv.name

    big = SimpleUploadedFile("cv.pdf", PDF + b"0" * CV_MAX_BYTES)
    response = applicant_client.post(PROFILE, form_data(cv=big))

    assert response.status_code == 200
    assert response.context["form"].errors["cv"] == ["Le CV est trop volumineux : 5 Mo au maximum."]
    assert Profile.objects.get(user=applicant).cv.name == before


def test_a_new_cv_replaces_and_deletes_the_old_file(
    applicant, applicant_client, django_capture_on_commit_callbacks
):
    applicant_client.post(PROFILE, form_data(cv=SimpleUploadedFile("a.pdf", PDF)))
    old = Profile.objects.get(user=applicant).cv
    old_name = old.name

    with django_capture_on_commit_callbacks(execute=True):
        applicant_client.post(PROFILE, form_data(cv=SimpleUploadedFile("b.docx", docx_bytes())))

    profile = Profile.objects.get(user=applicant)
    assert profile.cv.name.endswith(".docx")
    assert not old.storage.exists(old_name)


def test_skills_split_on_arabic_and_latin_commas():
    from nidaa.accounts.forms import ProfileForm

    form = ProfileForm(data={"skills": "تنشيط، الترافع, facilitation; Facilitation"})
    form.is_valid()
    assert form.cleaned_data["skills"] == ["تنشيط", "الترافع", "facilitation"]


def test_a_pdf_html_polyglot_named_cv_html_is_served_as_a_pdf_attachment(applicant, applicant_client):
    # Issue 10, item 14: the type came from the name, so this file went out as text/html.
    polyglot = PDF + b"<html><script>alert(document.cookie)</script></html>"
    upload = SimpleUploadedFile("cv.html", polyglot, content_type="text/html")
    assert applicant_client.post(PROFILE, form_data(cv=upload)).status_code == 302

    response = applicant_client.get("/fr/accounts/profile/cv/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv.html"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == polyglot
