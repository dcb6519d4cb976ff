"""Territories in the database: loading, admin, selectors."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from nidaa.directory.models import Territory, TerritoryKind
from nidaa.directory.selectors import territory_for_name
from nidaa.directory.services import sync_territories
from nidaa.tor.places import DATA_FILE
from tests.factories import TerritoryFactory

pytestmark = pytest.mark.django_db


def test_migrate_loads_the_reference_data():
    assert Territory.objects.filter(kind=TerritoryKind.REGION).count() == 12
    assert Territory.objects.filter(kind=TerritoryKind.PROVINCE).count() == 62
    assert Territory.objects.filter(kind=TerritoryKind.PREFECTURE).count() == 13
    assert Territory.objects.filter(kind=TerritoryKind.COMMUNE).count() >= 200


def test_every_province_sits_in_a_region_and_every_commune_in_a_province():
    provinces = Territory.objects.filter(kind__in=[TerritoryKind.PROVINCE, TerritoryKind.PREFECTURE])
    assert provinces.exclude(parent__kind=TerritoryKind.REGION).count() == 0
    communes = Territory.objects.filter(kind=TerritoryKind.COMMUNE)
    assert communes.exclude(parent__kind__in=[TerritoryKind.PROVINCE, TerritoryKind.PREFECTURE]).count() == 0
    assert Territory.objects.filter(kind=TerritoryKind.REGION, parent__isnull=False).count() == 0
    assert Territory.objects.get(code="MA-CHT").parent.code == "MA-09"
    assert Territory.objects.get(code="MA-NOU").parent.code == "MA-06"


def test_sync_is_idempotent():
    total = Territory.objects.count()
    counts = sync_territories()
    assert counts["created"] == 0
    assert counts["updated"] == 0
    assert counts["unchanged"] == total
    assert (counts["region"], counts["province"], counts["prefecture"]) == (12, 62, 13)
    assert Territory.objects.count() == total


def test_sync_fills_an_empty_table_in_a_few_queries(django_assert_max_num_queries):
    Territory.objects.filter(kind=TerritoryKind.COMMUNE).delete()
    Territory.objects.filter(kind__in=[TerritoryKind.PROVINCE, TerritoryKind.PREFECTURE]).delete()
    Territory.objects.all().delete()
    with django_assert_max_num_queries(12):
        counts = sync_territories()
    assert counts["created"] == Territory.objects.count() == 12 + 75 + counts["commune"]
    assert Territory.objects.get(code="MA-TNG-TANGER").parent.parent.code == "MA-01"


def test_sync_updates_a_changed_name_and_parent_and_counts_stale_rows(tmp_path):
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    raw["regions"][0]["name_fr"] = "Tanger-Tétouan-Al Hoceïma (nouveau nom)"
    raw["communes"][0]["province"] = "MA-TET"
    path = tmp_path / "territories.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    TerritoryFactory(code="MA-OLD-GONE")

    counts = sync_territories(path=path)

    assert (counts["created"], counts["updated"], counts["stale"]) == (0, 2, 1)
    assert Territory.objects.get(code="MA-01").name_fr == "Tanger-Tétouan-Al Hoceïma (nouveau nom)"
    assert Territory.objects.get(code=raw["communes"][0]["code"]).parent.code == "MA-TET"
    assert sync_territories(path=path)["updated"] == 0


def test_load_territories_command_reports_counts(capsys):
    call_command("load_territories")
    out = capsys.readouterr().out
    assert "region=12 province=62 prefecture=13" in out
    assert "created=0 updated=0" in out


@pytest.mark.parametrize(
    ("name", "code"),
    [("El Jadida", "MA-JDI"), ("الحسيمة", "MA-HOC"), ("Laayoune", "MA-LAA"), ("بطنجة", "MA-TNG-TANGER")],
)
def test_territory_for_name(name, code):
    assert territory_for_name(name) == Territory.objects.get(code=code)


def test_territory_for_unknown_name_is_none():
    assert territory_for_name("Atlantide") is None
    assert territory_for_name("fm") is None


def test_admin_searches_territories_by_arabic_name(client):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/directory/territory/", {"q": "الحسيمة", "kind__exact": "province"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert "MA-HOC" in response.content.decode()
