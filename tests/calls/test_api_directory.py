"""GET /api/organizations, /api/organizations/{slug}, /api/territories."""

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory, OrganizationFactory, TerritoryFactory


def test_organizations_are_those_with_public_calls(client, org, other_org):
    CallFactory(organization=org, status=CallStatus.PUBLISHED)
    CallFactory(organization=org, status=CallStatus.CLOSED)
    CallFactory(organization=org, status=CallStatus.DRAFT)
    CallFactory(organization=other_org, status=CallStatus.DRAFT)
    response = client.get("/api/organizations")
    assert response.status_code == 200
    assert response.json() == {
        "count": 1,
        "limit": 20,
        "offset": 0,
        "next": None,
        "previous": None,
        "items": [
            {
                "slug": "alci-demo",
                "name": "Association Exemple",
                "name_ar": "",
                "acronym": "AE",
                "website": "",
                "public_calls": 2,
                "calls_url": "/api/calls?issuer=alci-demo",
            }
        ],
    }


def test_an_organization_by_slug_and_404_for_one_without_public_calls(client, org, other_org):
    CallFactory(organization=org, status=CallStatus.AWARDED)
    CallFactory(organization=other_org, status=CallStatus.DRAFT)
    assert client.get("/api/organizations/alci-demo").json()["public_calls"] == 1
    for slug in ("autre-org", "nobody"):
        response = client.get(f"/api/organizations/{slug}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Aucune organisation ne porte ce nom court."}


def test_organization_email_is_not_shown(client, db):
    org = OrganizationFactory(slug="with-mail", email="private@example.org")
    CallFactory(organization=org, status=CallStatus.PUBLISHED)
    assert "private@example.org" not in client.get("/api/organizations/with-mail").content.decode()


def test_territories_filter_by_kind_and_parent(client, db):
    region = TerritoryFactory(code="T-R1", kind="region", name_fr="Région Un", name_ar="الجهة الأولى")
    province = TerritoryFactory(code="T-P1", kind="province", name_fr="Province Un", parent=region)
    TerritoryFactory(code="T-P2", kind="province", name_fr="Province Deux")
    TerritoryFactory(code="T-C1", kind="commune", name_fr="Commune Un", parent=province)
    data = client.get("/api/territories?kind=province&parent=T-R1").json()
    assert data["count"] == 1
    assert data["items"] == [
        {
            "code": "T-P1",
            "kind": "province",
            "name_fr": "Province Un",
            "name_ar": province.name_ar,
            "parent": "T-R1",
        }
    ]
    regions = client.get("/api/territories?kind=region&limit=100").json()["items"]
    assert {
        "code": "T-R1",
        "kind": "region",
        "name_fr": "Région Un",
        "name_ar": "الجهة الأولى",
        "parent": None,
    } in regions
    assert all(t["kind"] == "region" for t in regions)
    assert client.get("/api/territories?kind=planet").status_code == 422
