"""GET /api/calls and /api/calls/{id}: public calls only, the pages' filters,
limit/offset pagination, JSON everywhere."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus, CallType
from tests.factories import CallFactory, TerritoryFactory, indexed

CASABLANCA = ZoneInfo("Africa/Casablanca")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def call(org):
    call = CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        title="Formateur en plaidoyer",
        issuer="Association Exemple",
        project="Projet Voix des jeunes",
        partners_funders=["Union européenne"],
        reference="AE-2026-07",
        deadline=datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA),
        deadline_text="15 décembre 2026 à 23h59",
        submission_emails=["recrutement@example.org"],
        contact_emails=["info@example.org"],
        email_subject="Candidature formateur plaidoyer",
        required_documents=["cv", "financial_offer"],
        deliverables=["Rapport final"],
        locations=["Azilal"],
        duration_days=Decimal("6.5"),
        languages=["fr", "ar"],
        participants=25,
        document_language="fr",
        objectives=["Renforcer les capacités"],
        tasks=["Animer trois ateliers"],
        profile=["Master en sciences sociales"],
        text="TEXTE NORMALISÉ PRIVÉ",
        extraction={"secret": "extraction interne"},
    )
    call.territories.add(TerritoryFactory(code="T-AZILAL", kind="province", name_fr="Azilal"))
    return indexed(call)


def test_a_call_has_every_public_field_and_nothing_internal(client, call):
    response = client.get(f"/api/calls/{call.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = response.json()
    assert data == {
        "id": call.pk,
        "url": f"http://testserver/fr/calls/{call.pk}/",
        "title": "Formateur en plaidoyer",
        "call_type": "trainer",
        "status": "published",
        "is_open": call.deadline > timezone.now(),
        "organization": {"slug": "alci-demo", "name": "Association Exemple"},
        "issuer": "Association Exemple",
        "project": "Projet Voix des jeunes",
        "partners_funders": ["Union européenne"],
        "reference": "AE-2026-07",
        "deadline": "2026-12-15T23:59:00+01:00",
        "deadline_has_time": True,
        "deadline_text": "15 décembre 2026 à 23h59",
        "timezone": "Africa/Casablanca",
        "submission_emails": ["recrutement@example.org"],
        "contact_emails": ["info@example.org"],
        "email_subject": "Candidature formateur plaidoyer",
        "required_documents": ["cv", "financial_offer"],
        "deliverables": ["Rapport final"],
        "locations": ["Azilal"],
        "territories": ["T-AZILAL"],
        "duration_days": 6.5,
        "languages": ["fr", "ar"],
        "participants": 25,
        "document_language": "fr",
        "objectives": ["Renforcer les capacités"],
        "tasks": ["Animer trois ateliers"],
        "profile": ["Master en sciences sociales"],
        "document": None,
        "published_at": None,
        "updated_at": call.updated_at.astimezone(CASABLANCA).replace(microsecond=0).isoformat(),
    }
    assert "PRIVÉ" not in response.content.decode()
    assert "extraction interne" not in response.content.decode()


def test_drafts_and_cancelled_calls_are_json_404_for_everyone(
    client, owner_client, outsider_client, org, other_org
):
    draft = CallFactory(organization=org, status=CallStatus.DRAFT)
    cancelled = CallFactory(organization=org, status=CallStatus.CANCELLED)
    others_draft = CallFactory(organization=other_org, status=CallStatus.DRAFT)
    for some_client in (client, owner_client, outsider_client):
        for hidden in (draft, cancelled, others_draft):
            response = some_client.get(f"/api/calls/{hidden.pk}")
            assert response.status_code == 404
            assert response.json() == {"detail": "Aucun appel public ne porte cet identifiant."}
    assert client.get("/api/calls/0").status_code == 422
    assert client.get("/api/calls/99999999999999999999").status_code == 422


def test_the_list_shows_only_public_calls(client, owner_client, org, other_org, call):
    CallFactory(organization=org, status=CallStatus.DRAFT, title="Brouillon")
    CallFactory(organization=other_org, status=CallStatus.DRAFT, title="Brouillon d'une autre")
    CallFactory(organization=org, status=CallStatus.CANCELLED, title="Annulé")
    CallFactory(organization=org, status=CallStatus.CLOSED, title="Fermé")
    assert sorted(titles(client.get("/api/calls"))) == ["Fermé", "Formateur en plaidoyer"]
    assert sorted(titles(owner_client.get("/api/calls"))) == ["Fermé", "Formateur en plaidoyer"]


def test_search_words_and_filters_narrow_the_list(client, org, other_org, call):
    indexed(
        CallFactory(
            organization=org,
            status=CallStatus.PUBLISHED,
            title="Étude de base",
            call_type=CallType.CONSULTANT,
        ),
        CallFactory(organization=other_org, status=CallStatus.PUBLISHED, title="Formateur en gestion"),
    )
    assert titles(client.get("/api/calls?q=plaidoyer")) == ["Formateur en plaidoyer"]
    assert titles(client.get("/api/calls?type=consultant")) == ["Étude de base"]
    assert sorted(titles(client.get("/api/calls?issuer=alci-demo"))) == [
        "Formateur en plaidoyer",
        "Étude de base",
    ]
    assert titles(client.get("/api/calls?issuer=alci-demo&type=trainer")) == ["Formateur en plaidoyer"]


def test_pagination_with_limit_and_offset(client, org):
    CallFactory.create_batch(5, organization=org, status=CallStatus.PUBLISHED)
    first = client.get("/api/calls?limit=2&type=trainer").json()
    assert (first["count"], first["limit"], first["offset"], len(first["items"])) == (5, 2, 0, 2)
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/calls?limit=2&type=trainer&offset=2"
    last = client.get("/api/calls?limit=2&type=trainer&offset=4").json()
    assert (len(last["items"]), last["next"]) == (1, None)
    assert last["previous"] == "http://testserver/api/calls?limit=2&type=trainer&offset=2"
    seen = [i["id"] for i in first["items"]] + [i["id"] for i in client.get(first["next"]).json()["items"]]
    assert len(set(seen)) == 4


def test_limit_is_at_most_100_and_bad_parameters_are_json_422(client, db):
    response = client.get("/api/calls?limit=101")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert client.get("/api/calls?deadline_after=tomorrow").status_code == 422
    assert client.get("/api/calls?limit=100").status_code == 200


def test_unknown_api_addresses_are_json_404(client):
    response = client.get("/api/nothing/here")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable."}


def test_the_openapi_description_is_served(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert sorted(paths) == [
        "/api/calls",
        "/api/calls/{call_id}",
        "/api/organizations",
        "/api/organizations/{slug}",
        "/api/territories",
    ]
    names = [p["name"] for p in paths["/api/calls"]["get"]["parameters"]]
    assert names == [
        "q", "type", "region", "province", "issuer", "funder", "language", "state",
        "deadline_after", "deadline_before", "limit", "offset",
    ]  # fmt: skip
