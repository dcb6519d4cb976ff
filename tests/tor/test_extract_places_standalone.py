"""Issue 16: a job platform prints the place of the post alone near the top, as "City, Country"
or as a country line and its city."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        (
            "Consultant en communication\nSfax, Tunisie\nPublié le 2 mai 2026\nContexte\nLe projet ...\n",
            ["Sfax"],
        ),
        (
            "Expert en évaluation\nMis en ligne le : 19/05/2026\nAFRIQUE DU NORD\nMAROC\nOUJDA\n1. Objectif\n",
            ["OUJDA"],
        ),
        ("Programme Officer\nIrbid, Jordan\nDeadline: 3 June 2026\n", ["Irbid"]),
    ],
)
def test_place_printed_alone_near_the_top(text, locations):
    assert extract_fields(text)["locations"] == locations


def test_a_country_line_before_a_heading_is_not_a_place():
    text = "Expert en évaluation\nMAROC\n1. Objectif\nLe projet ...\n"
    assert extract_fields(text)["locations"] == []


@pytest.mark.parametrize(
    ("text", "locations"),
    [
        (
            "Recrutement d'un formateur\nLieu de la mission : Azilal\nLe siège de l'association est situé à Rabat.\n",
            ["Azilal"],
        ),
        (
            "Concours de recrutement\nLes épreuves écrites auront lieu à Fès.\nLieu d'affectation : Taza\n",
            ["Taza"],
        ),
        ("مباراة لتوظيف متصرفين\nستجرى المباراة بمدينة مراكش\n", []),
        ("Appel à formateurs\nLa formation aura lieu à Azilal.\n", ["Azilal"]),
    ],
)
def test_head_office_and_exam_centre_are_not_places_of_the_mission(text, locations):
    assert extract_fields(text)["locations"] == locations
