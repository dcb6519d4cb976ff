from django.core.files.uploadedfile import SimpleUploadedFile

from nidaa.calls.models import Call
from nidaa.tor.document import ReadError
from tests.calls.conftest import TOR_TEXT

TOR_BYTES = TOR_TEXT.encode()


def upload(name="tdr.txt", data=TOR_BYTES):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_upload_creates_a_draft_and_opens_its_review(member_client, org, fake_extractor):
    response = member_client.post("/fr/calls/import/", {"organization": org.pk, "file": upload()})
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/calls/{call.pk}/review/"
    assert call.status == "draft"
    assert call.organization == org


def test_unreadable_file_shows_the_read_error(member_client, org, monkeypatch):
    def refuse(data, filename):
        raise ReadError("needs_ocr", "scanned")

    monkeypatch.setattr("nidaa.calls.services.read_tor_within_budget", refuse)
    response = member_client.post("/en/calls/import/", {"organization": org.pk, "file": upload("scan.pdf")})
    assert response.status_code == 400
    assert "(scanned: needs OCR)" in response.content.decode()
    assert Call.objects.count() == 0


def test_unknown_error_code_shows_the_readers_message(member_client, org, monkeypatch):
    def refuse(data, filename):
        raise ReadError("something_new", "The reader says no.")

    monkeypatch.setattr("nidaa.calls.services.read_tor_within_budget", refuse)
    response = member_client.post("/en/calls/import/", {"organization": org.pk, "file": upload()})
    assert "The reader says no." in response.content.decode()


def test_file_over_the_limit_is_refused_before_reading(member_client, org, settings, fake_extractor):
    settings.NIDAA_TOR_MAX_BYTES = 100
    response = member_client.post(
        "/en/calls/import/", {"organization": org.pk, "file": upload(data=b"x" * 2048)}
    )
    assert response.status_code == 400
    assert "The file is too large (2.0\xa0KB); the limit is 100\xa0bytes." in response.content.decode()
    assert Call.objects.count() == 0


def test_cannot_import_into_another_organisation(outsider_client, org, fake_extractor):
    response = outsider_client.post("/fr/calls/import/", {"organization": org.pk, "file": upload()})
    assert response.status_code == 400
    assert Call.objects.count() == 0


def test_a_garbled_text_layer_is_said_not_read_and_the_call_is_kept(member_client, org):
    """Issue 12: a PDF printed by some producers reads as letters spaced apart;
    the page must not say "the document was read", and the file stays."""
    garbled = " ".join("Le programme de formation recrute des formateurs pour trois ateliers") * 6
    response = member_client.post(
        "/fr/calls/import/", {"organization": org.pk, "file": upload(data=garbled.encode())}, follow=True
    )
    call = Call.objects.get()
    assert call.extraction["implausible"] == "letter_spaced"
    page = response.content.decode()
    assert "Le texte du document semble brouillé" in page
    assert "Le document a été lu" not in page
    arabic = member_client.get(f"/ar/calls/{call.pk}/review/")
    assert arabic.status_code == 200


def test_the_audit_trail_names_the_import_in_the_readers_language(member_client, org, fake_extractor):
    member_client.post("/fr/calls/import/", {"organization": org.pk, "file": upload()})
    call = Call.objects.get()
    french = member_client.get(f"/fr/calls/{call.pk}/review/").content.decode()
    arabic = member_client.get(f"/ar/calls/{call.pk}/review/").content.decode()
    assert ": member, Importé depuis son document (" in french
    assert ": member، استُورد من وثيقته (" in arabic
    assert ", import (" not in french
