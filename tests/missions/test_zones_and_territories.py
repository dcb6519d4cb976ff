"""Zones are linked to Morocco's territories: a plan row may name a zone by
its territory code, and a participant without a zone is placed by their
commune (the zone whose territory contains it)."""

from nidaa.missions.models import Participant, Zone
from tests.factories import TerritoryFactory, ZoneFactory
from tests.missions.helpers import run
from tests.sheets.messy import xlsx


def test_a_plan_row_names_its_zone_by_territory_code(tmp_path, mission):
    TerritoryFactory(code="T-REG-99", kind="region", name_fr="Région Test", name_ar="جهة تجريبية")
    path = tmp_path / "plan.xlsx"
    path.write_bytes(xlsx([["module", "zone", "date"], ["M1", "T-REG-99", "2026-03-10"]]))
    run("missions_plan_import", str(path), "--mission", str(mission.pk))
    zone = Zone.objects.get(mission=mission)
    assert (zone.name, zone.territory.code) == ("Région Test", "T-REG-99")


def test_a_participant_is_placed_by_their_commune(tmp_path, mission):
    province = TerritoryFactory(
        code="T-PROV-1", kind="province", name_fr="Province Test", name_ar="إقليم تجريبي"
    )
    TerritoryFactory(
        code="T-COM-1", kind="commune", name_fr="Aït Test", name_ar="آيت تجريبية", parent=province
    )
    ZoneFactory(mission=mission, name="Zone du Nord")
    ZoneFactory(mission=mission, name="Zone province", territory=province)
    path = tmp_path / "p.xlsx"
    path.write_bytes(
        xlsx([["Nom et prénom", "Commune"], ["Amina Tazi", "ait test"], ["Karim Alaoui", "آيت تجريبية"]])
    )
    out, _err = run("missions_participants_import", str(path), "--mission", str(mission.pk))
    assert out.splitlines()[0] == "rows 2, imported 2, duplicates 0, errors 0"
    assert list(Participant.objects.filter(mission=mission).values_list("zone__name", flat=True)) == [
        "Zone province",
        "Zone province",
    ]
