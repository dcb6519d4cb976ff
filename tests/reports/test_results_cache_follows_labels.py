"""The cached results are keyed by what they show: a relabelled choice, a
renamed module or zone, a participant whose sex is corrected shows at the next
page view, without waiting for another answer to change the key."""

import pytest
from django.urls import reverse

from nidaa.missions.models import Module, Zone
from nidaa.missions.services import participants
from nidaa.questionnaires.models import Kind, Questionnaire
from nidaa.questionnaires.services import save_choice
from nidaa.reports.results import cached_results, records_version
from tests.conftest import client_for


def results_page(user, mission, language="fr"):
    url = reverse("reports:results", args=[mission.pk])
    return client_for(user).get(f"/{language}{url[3:]}").content.decode()


@pytest.mark.django_db
def test_a_relabelled_choice_shows_at_once_on_the_results_page(example, owner, facilitator):
    mission = example["mission"]
    assert "3 sur 5" in results_page(owner, mission)  # the cache now holds the first labels
    form = Questionnaire.objects.get(
        mission=mission, kind=Kind.FINAL, module=example["modules"]["M1 Budget participatif"]
    )
    save_choice(
        questionnaire=form, list_name="scale", name="3", label={"fr": "Moyennement satisfait", "ar": "راضٍ نوعا ما"},
        actor=facilitator,
    )  # fmt: skip
    html = results_page(owner, mission)
    # The M1 questionnaire's chart names the new label; the two others keep theirs.
    assert html.count("Moyennement satisfait") == 2  # the legend and the description
    assert html.count("3 sur 5") == 4
    assert "راضٍ نوعا ما" in results_page(owner, mission, "ar")


@pytest.mark.django_db
def test_renaming_a_module_or_a_zone_changes_the_results_version(example):
    mission = example["mission"]
    before = cached_results(mission)
    assert [g["module"] for g in before.figures["by_module"]] == ["M1 Budget participatif", "M2 Plaidoyer"]
    module = Module.objects.get(pk=example["modules"]["M2 Plaidoyer"].pk)
    module.title = "M2 Plaidoyer local"
    module.save(update_fields=["title"])
    zone = Zone.objects.get(pk=example["zones"]["Fès"].pk)
    zone.name = "Fès-Meknès"
    zone.save(update_fields=["name"])
    after = cached_results(mission)
    assert after.version != before.version
    assert [g["module"] for g in after.figures["by_module"]] == [
        "M1 Budget participatif",
        "M2 Plaidoyer local",
    ]
    assert [g["zone"] for g in after.figures["by_zone"]] == ["Tanger", "Fès-Meknès"]


@pytest.mark.django_db
def test_a_participant_whose_sex_is_corrected_is_counted_again(example, owner):
    mission = example["mission"]
    before = cached_results(mission).figures["by_sex"]
    assert (before["female"]["planned"], before["male"]["planned"]) == (3, 2)  # the walk-in is not planned
    omar = example["people"][2]
    participants.update_participant(
        participant=omar, actor=owner, zone=omar.zone, name_latin=omar.name_latin, name_arabic="",
        sex="female", category="Élus", organization_name="", commune="", phone="", email="",
        disability=False, consent=True,
    )  # fmt: skip
    after = cached_results(mission).figures["by_sex"]
    assert (after["female"]["planned"], after["male"]["planned"]) == (4, 1)


@pytest.mark.django_db
def test_the_version_stands_still_when_nothing_changes(example):
    mission = example["mission"]
    assert records_version(mission) == records_version(mission)
