"""Issue 16: a call imported from a web page's text pasted into the import page, read by the same
reader as an uploaded document."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from nidaa.calls.forms import PASTED_FILENAME, PASTED_HTML_FILENAME
from nidaa.calls.models import Call

# A portal's page as an issuer copies it: site name, navigation, posting date, the post, labels.
PAGE = (
    "Portail des associations\nAccueil\nOffres d'emploi\nConnexion\nPublié le 02/11/2026\n\n"
    "Recrutement d'un(e) formateur(trice) en gestion associative\n\n"
    "Lieu : Tiznit\nType de contrat : Prestation de services\n\n"
    "L'Association Tilila pour le Développement lance un appel à candidatures pour animer trois ateliers.\n"
    "Les dossiers sont à envoyer à formation@tilila.example.org au plus tard le 15 décembre 2026 à 23h59.\n"
)


def test_member_imports_pasted_text_through_the_reader(member_client, org):
    response = member_client.post("/fr/calls/import/", {"organization": org.pk, "text": PAGE})
    call = Call.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fr/calls/{call.pk}/review/"
    assert call.organization == org
    assert call.status == "draft"
    assert call.original_filename == PASTED_FILENAME
    assert call.title == "Recrutement d'un(e) formateur(trice) en gestion associative"
    assert call.call_type == "trainer"
    assert call.text.startswith("Portail des associations\nAccueil")


def test_owner_imports_pasted_text(owner_client, org):
    response = owner_client.post("/ar/calls/import/", {"organization": org.pk, "text": PAGE})
    assert response.status_code == 302
    assert Call.objects.get().organization == org


def test_outsider_cannot_paste_into_another_organisation(outsider_client, org):
    response = outsider_client.post("/fr/calls/import/", {"organization": org.pk, "text": PAGE})
    assert response.status_code == 400
    assert Call.objects.count() == 0


def test_anonymous_visitor_is_sent_to_sign_in(anon_client, org):
    response = anon_client.post("/fr/calls/import/", {"organization": org.pk, "text": PAGE})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert Call.objects.count() == 0


def test_neither_file_nor_text_is_refused_in_french_and_arabic(member_client, org):
    french = member_client.post("/fr/calls/import/", {"organization": org.pk, "text": "   "})
    assert french.status_code == 400
    assert "Choisissez un document ou collez le texte de l’appel (l’un des deux)." in french.content.decode()
    arabic = member_client.post("/ar/calls/import/", {"organization": org.pk})
    assert arabic.status_code == 400
    assert "اختر وثيقة أو الصق نص الإعلان (أحدهما فقط)." in arabic.content.decode()
    assert Call.objects.count() == 0


def test_both_file_and_text_is_refused(member_client, org):
    upload = SimpleUploadedFile("tdr.txt", PAGE.encode(), content_type="text/plain")
    response = member_client.post("/en/calls/import/", {"organization": org.pk, "file": upload, "text": PAGE})
    assert response.status_code == 400
    assert "Choose a document or paste the call&#x27;s text (one of the two)." in response.content.decode()
    assert Call.objects.count() == 0


def test_import_page_offers_the_paste_box_in_each_language(member_client):
    assert "Ou collez le texte de l’appel" in member_client.get("/fr/calls/import/").content.decode()
    assert "أو الصق نص الإعلان" in member_client.get("/ar/calls/import/").content.decode()
    assert 'name="text"' in member_client.get("/en/calls/import/").content.decode()


def test_pasted_page_source_is_read_as_a_web_page(member_client, org):
    source = (
        "<html><body><nav><a href='/'>Accueil</a><a href='/offres'>Offres</a><a href='/login'>Connexion</a></nav>"
        "<h1>Recrutement d'un(e) formateur(trice) en gestion associative</h1><p>Lieu : Tiznit</p></body></html>"
    )
    member_client.post("/fr/calls/import/", {"organization": org.pk, "text": source})
    call = Call.objects.get()
    assert call.original_filename == PASTED_HTML_FILENAME
    assert call.title == "Recrutement d'un(e) formateur(trice) en gestion associative"
    assert "<h1>" not in call.text
