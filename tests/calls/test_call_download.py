import pytest

from nidaa.calls.models import Call
from nidaa.calls.services import import_tor, publish_call
from tests.calls.conftest import TOR_TEXT
from tests.calls.personas import client_as


@pytest.fixture
def draft(fake_extractor, org, owner):
    return import_tor(organization=org, data=TOR_TEXT.encode(), filename="TdR Formateur.txt", actor=owner)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("member", 200), ("evaluator", 200), ("outsider", 404), ("anonymous", 404)],
)
def test_a_drafts_document_is_downloaded_only_by_its_organisation(request, draft, persona, expected):
    response = client_as(request, persona).get(f"/fr/calls/{draft.pk}/document/")
    assert response.status_code == expected


def test_published_document_is_downloaded_as_an_attachment_with_its_original_name(anon_client, draft, owner):
    publish_call(call=draft, actor=owner)
    response = anon_client.get(f"/fr/calls/{draft.pk}/document/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="TdR Formateur.txt"'
    assert b"".join(response.streaming_content) == TOR_TEXT.encode()


def test_missing_file_is_a_404(owner_client, org):
    call = Call.objects.create(organization=org, title="Sans fichier", sha256="0" * 64)
    assert owner_client.get(f"/fr/calls/{call.pk}/document/").status_code == 404


@pytest.mark.parametrize(
    ("filename", "content", "served_as"),
    [
        (
            "TdR.html",
            b"<html><body><script>alert(1)</script>Termes</body></html>",
            "application/octet-stream",
        ),
        ("TdR.html", b"%PDF-1.4\n<html><script>alert(1)</script></html>", "application/pdf"),
        ("TdR.pdf", b"<html><script>alert(1)</script></html>", "application/octet-stream"),
    ],
)
def test_a_tor_is_served_with_the_type_of_its_content_never_of_its_name(
    anon_client, fake_extractor, org, owner, filename, content, served_as
):
    # Issue 10, item 14: an .html ToR went out as text/html (type from the name).
    call = import_tor(organization=org, data=content, filename=filename, actor=owner)
    publish_call(call=call, actor=owner)

    response = anon_client.get(f"/fr/calls/{call.pk}/document/")

    assert response.status_code == 200
    assert response["Content-Type"] == served_as
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == content
