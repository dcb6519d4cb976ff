"""Duration in days and number of participants."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "Durée de prestation :\nDeux jours par modules dans les Deux régions (02 JOURS / 03 MODULES / 02 REGIONS)\n",
            12,
        ),
        (
            "VI. Durée de la mission\nLe nombre total de jours est de 1 jour.\n- La préparation (1/2 journée)\n",
            1,
        ),
        ("6. Durée :\n3 jours (1 jour par zone d'intervention).\n", 3),
        ("Durée : 36 mois à compter de la date de démarrage\n", None),
        ("ARTICLE 6 : DURÉE\nLa mission sera réalisée en 25 jours ouvrables répartis sur deux mois.\n", 25),
        ("6. Duration\nThe assignment is expected to take 45 working days.\n", 45),
        ("سادسا: المدة\n٤ أيام تكوينية (يومان في كل جماعة).\n", 4),
        ("المدة\nيومين\n", 2),
        ("Durée\nCinq jours de formation.\n", 5),
        ("Durée\n6 jours de formation (2 jours par atelier, 3 ateliers).\n", 6),
        ("Durée\n2 jours par module, 4 modules.\n", 8),
        ("Profil\nAu moins 5 ans d'expérience.\n", None),
    ],
)
def test_duration_days(text, days):
    fields = extract_fields(text)
    assert fields["duration_days"] == days
    if days is not None:
        (span,) = fields["evidence"]["duration_days"]
        assert 0 <= span["start"] < span["end"] <= len(text)


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        ("Bénéficiaires :\nLe programme cible 60 acteurs et actrices (20 participantEs par région).\n", 60),
        (
            "2. Zones d'intervention :\n· Aaa\n· Bbb\n· Ccc\n10. Nombre des participant.es :\n· 25 participants par zone.\n",
            75,
        ),
        ("Participant·e·s\nChaque session réunira 20 participant·e·s, soit 80 bénéficiaires au total.\n", 80),
        ("الفئة المستهدفة\n٢٥ مشاركا ومشاركة من المنتخبين.\n", 25),
        ("Target group\nAbout 40 participants from civil society.\n", 40),
        ("IV. Participants\nLes participants sont les points focaux des communes.\n", None),
        ("Contexte\nLe réseau compte 66 collectivités territoriales.\n", None),
    ],
)
def test_participants(text, participants):
    assert extract_fields(text)["participants"] == participants


def test_each_session_times_the_sessions():
    text = "Assignment\nTrainers will deliver four two-day training sessions. Each session will gather 20 participants.\n"
    assert extract_fields(text)["participants"] == 80


def test_per_zone_is_not_counted_twice():
    text = "Zones d'intervention :\n· Aaa\n· Bbb\n· Ccc\nNombre des participant.es :\n· 25 participants par zone.\n"
    assert extract_fields(text)["participants"] == 75
