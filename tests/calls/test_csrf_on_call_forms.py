"""Every POST view refuses a request without the CSRF token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nidaa.calls.models import Call, CallStatus
from tests.calls.conftest import TOR_TEXT
from tests.factories import CallFactory


@pytest.fixture
def csrf_client(owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    return client


def test_review_post_without_token_is_refused(csrf_client, org):
    call = CallFactory(organization=org, title="Titre")
    data = {"title": "Autre", "call_type": "trainer", "timezone": "Africa/Casablanca"}
    assert csrf_client.post(f"/fr/calls/{call.pk}/review/", data).status_code == 403
    call.refresh_from_db()
    assert call.title == "Titre"


def test_status_post_without_token_is_refused(csrf_client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    assert csrf_client.post(f"/fr/calls/{call.pk}/status/", {"target": "closed"}).status_code == 403
    call.refresh_from_db()
    assert call.status == "published"


def test_import_post_without_token_is_refused(csrf_client, org, fake_extractor):
    upload = SimpleUploadedFile("tdr.txt", TOR_TEXT.encode(), content_type="text/plain")
    response = csrf_client.post("/fr/calls/import/", {"organization": org.pk, "file": upload})
    assert response.status_code == 403
    assert Call.objects.count() == 0


def test_status_post_with_the_token_is_accepted(csrf_client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    csrf_client.get(f"/fr/calls/{call.pk}/review/")
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(
        f"/fr/calls/{call.pk}/status/", {"target": "closed", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    call.refresh_from_db()
    assert call.status == "closed"
