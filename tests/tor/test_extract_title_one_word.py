"""A post named in one word (issue 16): "Comptable", "Chauffeur", "محاسب(ة)", "Accountant" is the
title where a post is named (a post key's value, the line after "recrute" / "is hiring" /
"عن حاجتها إلى", a heading right above the post's label rows), never a bare label, a section
heading, a place or a month. Every call here is invented; none is taken from a real one."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import title_candidates
from nidaa.tor.fields.title_words import one_word_post
from nidaa.tor.sections import segment
from nidaa.tor.text import Views
from tests.tor.titles import candidates, title_of


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a post key's value
            "Association Nour Al Amal\nOffre d'emploi\nPoste : Comptable\nLieu : Rabat\n"
            "Type de contrat : CDD\n\nProfil\nDiplôme en comptabilité et trois ans d'expérience.\n",
            "Comptable",
        ),
        (  # the line after "recrute"
            "L'association Tanmia recrute\nAnimateur(trice)\nLieu : Agadir\nDate limite : 30 avril 2026\n",
            "Animateur(trice)",
        ),
        (  # a heading right above the post's label rows
            "Offres d'emploi\nChauffeur\nLieu : Fès\nContrat : CDD 12 mois\n",
            "Chauffeur",
        ),
        (
            "Green Valley Trust\nJob title: Accountant\nLocation: Marrakech\nDeadline: 3 May 2026\n",
            "Accountant",
        ),
        ("Green Valley Trust is hiring\nDriver\nLocation: Ouarzazate\nContract: Fixed term\n", "Driver"),
        ("جمعية الأمل للتنمية\nإعلان عن توظيف\nالوظيفة : سائق\nالمكان : وجدة\n", "سائق"),
        ("تعلن جمعية النور عن حاجتها إلى\nمحاسب(ة)\nالمكان : الرباط\n", "محاسب(ة)"),
        ("جمعية الأفق\nالمهمة : ممرض\nالمكان : تطوان\nالعقد : محدد المدة\n", "ممرض"),
    ],
)
def test_a_post_named_in_one_word_is_the_title(text: str, title: str) -> None:
    assert title_of(text) == title


def test_section_headings_places_and_labels_are_no_one_word_title() -> None:
    # "Profil", "Missions" over label rows, a place, a month: no post, no candidate of one word
    text = "Association Atlas\nProfil\nLieu : Rabat\nMissions\nDurée : 3 mois\nRabat\nJanvier\n"
    assert [c for c in candidates(text) if len(c.split()) == 1] == []
    assert title_of("المهام\nالمكان : الرباط\n") is None


def test_a_one_word_post_away_from_a_post_key_or_labels_is_no_candidate() -> None:
    # a job word alone on a line of prose, with no key, no "recrute" and no label rows below
    text = "Association Atlas\nRapport annuel 2025\n\nComptable\n\nNous cherchons une personne motivée.\n"
    assert "Comptable" not in candidates(text)
    # under a recruitment header it names the post
    assert "Comptable" in candidates(text.replace("Rapport annuel 2025", "AVIS DE RECRUTEMENT"))


def test_a_key_that_names_no_post_gives_no_one_word_candidate() -> None:
    assert "Comptable" not in candidates("Association Atlas\nService : Comptable\nLieu : Rabat\n")


@pytest.mark.parametrize(
    ("word", "post"),
    [
        ("Comptable", True),
        ("Coordinateur/trice", True),
        ("Animateur(trice)", True),
        ("محاسب(ة)", True),
        ("Accountant", True),
        ("Comptabilité", False),
        ("Profil", False),
        ("Missions", False),
        ("المهام", False),
        ("Rabat", False),
        ("Janvier", False),
        ("Chauffeur livreur", False),  # two words: the usual rules read it
    ],
)
def test_one_word_post(word: str, post: bool) -> None:
    assert one_word_post(word) is post


def test_a_post_key_line_with_a_one_word_post_is_no_rule_candidate() -> None:
    # the key rows propose "Comptable (F/H)"; the label's whole line is only a plain line (rank 5)
    text = "Portail Emploi\nCollectif Atlas\nPoste à pourvoir : Comptable (F/H)\nLieu : Rabat\nType de contrat : CDD\n"
    views = Views.of(text)
    ranks = {c.text: c.rank for c in title_candidates(Doc(views, segment(views), None))}
    assert ranks["Poste à pourvoir : Comptable (F/H)"] == 5
    assert title_of(text) == "Comptable (F/H)"
