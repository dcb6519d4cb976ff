"""What one call's OCDS release says: ocid from NIDAA_OCID_PREFIX, tag and
tender status by call status, parties, submission method, tender period,
documents; drafts are never exported."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory

CASABLANCA = ZoneInfo("Africa/Casablanca")


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
        submission_emails=["recrutement@example.org", "rh@example.org"],
        email_subject="Candidature plaidoyer",
        deadline=datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA),
        published_at=datetime(2026, 11, 1, 9, 0, tzinfo=CASABLANCA),
        document_language="en",
        objectives=["Strengthen capacities"],
        profile=["Master's degree"],
    )
    call.file.save("tdr.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    call.refresh_from_db()
    return call


def test_the_release_of_a_published_call(client, call):
    package = client.get(f"/ocds/releases/{call.pk}.json").json()
    assert package["uri"] == f"http://testserver/ocds/releases/{call.pk}.json"
    assert package["version"] == "1.1"
    assert package["publisher"] == {
        "name": "Nidaa (unregistered ocid prefix ocds-nidaa-: these ocids are not unique worldwide)"
    }
    assert datetime.fromisoformat(package["publishedDate"]).tzinfo is not None
    [release] = package["releases"]
    stamp = call.updated_at.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%S%fZ")
    assert release == {
        "ocid": f"ocds-nidaa-{call.pk}",
        "id": f"ocds-nidaa-{call.pk}-{stamp}",
        "date": call.updated_at.astimezone(CASABLANCA).isoformat(timespec="seconds"),
        "tag": ["tender"],
        "initiationType": "tender",
        "language": "en",
        "parties": [
            {"id": "org-alci-demo", "name": "Association Exemple", "roles": ["buyer", "procuringEntity"]},
            {"id": "funder-union-europeenne", "name": "Union européenne", "roles": ["funder"]},
        ],
        "buyer": {"id": "org-alci-demo", "name": "Association Exemple"},
        "tender": {
            "id": "AE-2026-07",
            "title": "Formateur en plaidoyer",
            "description": "Projet Voix des jeunes\nStrengthen capacities",
            "status": "active",
            "procuringEntity": {"id": "org-alci-demo", "name": "Association Exemple"},
            "procurementMethod": "open",
            "mainProcurementCategory": "services",
            "submissionMethod": ["electronicSubmission"],
            "submissionMethodDetails": (
                "Send the application by e-mail to recrutement@example.org, rh@example.org. "
                "Required subject: Candidature plaidoyer"
            ),
            "eligibilityCriteria": "Master's degree",
            "tenderPeriod": {
                "startDate": "2026-11-01T09:00:00+01:00",
                "endDate": "2026-12-15T23:59:00+01:00",
            },
            "documents": [
                {
                    "id": "notice",
                    "documentType": "tenderNotice",
                    "title": "Formateur en plaidoyer",
                    "url": f"http://testserver/fr/calls/{call.pk}/",
                    "format": "text/html",
                    "language": "en",
                },
                {
                    "id": f"tor-{call.sha256[:16]}",
                    "documentType": "tenderNotice",
                    "title": "tdr.txt",
                    "url": f"http://testserver/fr/calls/{call.pk}/document/",
                    "format": "text/plain",
                    "language": "en",
                },
            ],
        },
    }


@pytest.mark.parametrize(
    ("status", "tag", "tender_status"),
    [
        (CallStatus.PUBLISHED, "tender", "active"),
        (CallStatus.CLOSED, "tenderUpdate", "complete"),
        (CallStatus.AWARDED, "award", "complete"),
    ],
)
def test_tag_and_tender_status_follow_the_call(client, org, status, tag, tender_status):
    call = CallFactory(organization=org, status=status)
    [release] = client.get(f"/ocds/releases/{call.pk}.json").json()["releases"]
    assert (release["tag"], release["tender"]["status"]) == ([tag], tender_status)


def test_the_ocid_prefix_is_a_setting(client, org, settings):
    settings.NIDAA_OCID_PREFIX = "ocds-abc123-"
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    [release] = client.get(f"/ocds/releases/{call.pk}.json").json()["releases"]
    assert release["ocid"] == f"ocds-abc123-{call.pk}"


def test_publisher_says_the_default_prefix_is_unregistered_until_a_registered_one_is_set(
    client, org, settings
):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    settings.NIDAA_OCID_PREFIX = "ocds-nidaa-"
    unregistered = client.get(f"/ocds/releases/{call.pk}.json").json()["publisher"]
    settings.NIDAA_OCID_PREFIX = "ocds-abc123-"
    registered = client.get(f"/ocds/releases/{call.pk}.json").json()["publisher"]
    assert (unregistered, registered) == (
        {"name": "Nidaa (unregistered ocid prefix ocds-nidaa-: these ocids are not unique worldwide)"},
        {"name": "Nidaa"},
    )


@pytest.mark.parametrize(
    ("prefix", "errors"),
    [("ocds-nidaa-", ["nidaa.E001"]), ("ocds-abc12-", ["nidaa.E001"]), ("ocds-abc123-", [])],
)
def test_deploy_check_refuses_an_unregistered_ocid_prefix(settings, prefix, errors):
    from nidaa.calls.checks import check_ocid_prefix

    settings.NIDAA_OCID_PREFIX = prefix
    assert [e.id for e in check_ocid_prefix()] == errors


def test_a_call_without_deadline_has_no_tender_period(client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, deadline=None)
    [release] = client.get(f"/ocds/releases/{call.pk}.json").json()["releases"]
    assert "tenderPeriod" not in release["tender"]


def test_drafts_and_cancelled_calls_are_never_exported(client, outsider_client, org, other_org):
    shown = CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Publié")
    hidden = [
        CallFactory(organization=org, status=CallStatus.DRAFT, title="Brouillon"),
        CallFactory(organization=other_org, status=CallStatus.DRAFT, title="Brouillon d'une autre"),
        CallFactory(organization=org, status=CallStatus.CANCELLED, title="Annulé"),
    ]
    for call in hidden:
        for some_client in (client, outsider_client):
            response = some_client.get(f"/ocds/releases/{call.pk}.json")
            assert response.status_code == 404
            assert response.json() == {"detail": "Aucun appel public ne porte cet identifiant."}
    package = json.loads(b"".join(client.get("/ocds/releases.json").streaming_content))
    assert [r["ocid"] for r in package["releases"]] == [f"ocds-nidaa-{shown.pk}"]
    assert client.get("/ocds/releases/99999999999999999999999.json").status_code == 404


def test_the_package_of_all_calls_is_read_in_one_query(client, org, django_assert_max_num_queries):
    CallFactory.create_batch(30, organization=org, status=CallStatus.PUBLISHED)
    with django_assert_max_num_queries(1):
        package = json.loads(b"".join(client.get("/ocds/releases.json").streaming_content))
    assert len(package["releases"]) == 30
