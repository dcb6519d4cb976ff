"""The OCDS release packages, one call's and every public call's, validate
against the OCDS 1.1 release package schema shipped in nidaa/data/ocds/ (the
release schema is resolved locally: nothing is fetched)."""

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from nidaa.calls.models import CallStatus
from nidaa.calls.ocds import RELEASE_PACKAGE_SCHEMA, RELEASE_SCHEMA
from tests.factories import CallFactory

CASABLANCA = ZoneInfo("Africa/Casablanca")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator():
    release_schema = load(RELEASE_SCHEMA)
    package_schema = load(RELEASE_PACKAGE_SCHEMA)
    registry = Registry().with_resource(release_schema["id"], Resource(release_schema, specification=DRAFT4))
    Draft4Validator.check_schema(package_schema)
    Draft4Validator.check_schema(release_schema)
    return Draft4Validator(package_schema, registry=registry, format_checker=FormatChecker())


def errors(validator, package) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(package)]


@pytest.fixture
def calls(org, other_org):
    french = CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        title="Formateur en plaidoyer",
        partners_funders=["Union européenne", "Fondation Exemple"],
        submission_emails=["recrutement@example.org"],
        email_subject="Candidature plaidoyer",
        deadline=datetime(2026, 12, 15, 23, 59, tzinfo=CASABLANCA),
        published_at=datetime(2026, 11, 1, 9, 0, tzinfo=CASABLANCA),
        document_language="fr",
        objectives=["Renforcer les capacités"],
        profile=["Master"],
    )
    french.file.save("tdr.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    no_deadline = CallFactory(organization=org, status=CallStatus.CLOSED, title="Sans date", deadline=None)
    arabic = CallFactory(
        organization=other_org,
        status=CallStatus.AWARDED,
        title="طلب عروض لتكوين المنتخبين في الترافع",
        issuer="جمعية المثال",
        partners_funders=["الاتحاد الأوروبي"],
        submission_emails=["contact@example.ma"],
        email_subject="ترشيح",
        document_language="ar",
        locations=["الرباط"],
    )
    arabic.file.save("tdr.docx", ContentFile(b"PK docx"), save=True)
    CallFactory(organization=org, status=CallStatus.DRAFT, title="Brouillon")
    return french, no_deadline, arabic


def test_every_public_call_validates_in_its_own_package(client, validator, calls):
    for call in calls:
        response = client.get(f"/ocds/releases/{call.pk}.json")
        assert response.status_code == 200
        assert errors(validator, response.json()) == []


def test_the_package_of_all_published_calls_validates(client, validator, calls):
    response = client.get("/ocds/releases.json")
    assert response.status_code == 200
    package = json.loads(b"".join(response.streaming_content))
    assert errors(validator, package) == []
    assert [r["tender"]["title"] for r in package["releases"]] == [c.title for c in calls]


def test_the_validator_does_catch_a_bad_release(client, validator, calls):
    package = client.get(f"/ocds/releases/{calls[0].pk}.json").json()
    package["releases"][0]["tender"]["status"] = "open"
    del package["releases"][0]["ocid"]
    assert sorted(errors(validator, package)) == [
        "releases/0/tender/status: 'open' is not one of "
        "['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn', None]",
        "releases/0: 'ocid' is a required property",
    ]
