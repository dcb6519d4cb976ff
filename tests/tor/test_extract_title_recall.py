"""Titles that were no candidate at all (issue 16, recall): a post named as roles joined by a slash
further down a recruitment platform's label rows, and a meeting's date after a comma, which is part
of its name. Invented calls, written from the patterns of such pages."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import title_candidates
from nidaa.tor.fields.title_clean import clean_title
from nidaa.tor.sections import segment
from nidaa.tor.text import Views
from tests.tor.titles import title_of


def ranked(text: str) -> dict[str, int]:
    """Each candidate's text and the rank of the rule that proposed it (5: none did)."""
    views = Views.of(text)
    return {c.text: c.rank for c in title_candidates(Doc(views, segment(views), None))}


def platform_page(post: str, above: str) -> str:
    """A recruitment platform's page: label rows (key over value), where the post sits in the
    organisation, the date it was posted, the country and town, then the post (below ``above``)."""
    rows = [
        ("Domaines d'expertise", "gestion associative, plaidoyer ; genre, jeunesse"),
        ("Durée", "30 jours"),
        ("Type de contrat", "Prestation de services"),
        ("Langues", "Français/Arabe"),
        ("Expérience minimale", "Junior/Confirmé"),
        ("Date limite de candidature", "14/05/2027 23:59"),
        ("Durée de la mission", "Court terme"),
    ]
    lines = [line for row in rows for line in row]
    lines += ["Département jeunesse > Pôle formation", "Mis en ligne le : 2 mars 2027", "MAROC", above, post]
    lines += [
        "Contexte",
        "L'association accompagne depuis 2012 les coopératives féminines de la région dans leur structuration.",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "post", ["Formateur/Consultant", "Évaluateur externe / Consultant", "Coach/Facilitatrice", "مكون/مستشار"]
)
def test_roles_joined_by_a_slash_below_a_platforms_label_rows_are_a_rules_candidate(post):
    assert ranked(platform_page(post, "TAROUDANT"))[post] == 2


def test_roles_joined_by_a_slash_below_a_platforms_label_rows_are_the_title():
    assert title_of(platform_page("Formateur/Consultant", "TAROUDANT")) == "Formateur/Consultant"


@pytest.mark.parametrize("value", ["Senior/Expert", "Manager/Supervisor", "Arabe/Anglais"])
def test_a_key_rows_value_with_a_slash_is_no_post(value):
    # far down the label rows (no plain candidate there): a seniority or languages under their key
    page = platform_page("Formateur/Consultant", "TAROUDANT").replace(
        "MAROC\n", f"MAROC\nNiveau requis\n{value}\n"
    )
    assert value not in ranked(page)


@pytest.mark.parametrize("line", ["Consultant/Formateur.", "Consultant/Formateur:", "consultant/formateur"])
def test_roles_joined_by_a_slash_ending_a_sentence_or_in_lowercase_are_no_post(line):
    assert line not in ranked(platform_page(line, "TAROUDANT"))


@pytest.mark.parametrize(
    "title",
    [
        "Regional Forum on Water Governance, 19 November 2027",
        "Atelier régional sur la gouvernance locale, 12/03/2027",
        "Séminaire national des associations rurales, 4 juin 2027",
    ],
)
def test_a_meetings_date_after_a_comma_is_kept(title):
    assert clean_title(title) == title


def test_a_date_after_a_comma_is_dropped_when_the_title_is_no_meeting():
    assert (
        clean_title("Recrutement d'un formateur pour l'atelier sur la gouvernance locale, 12/03/2027")
        == "Recrutement d'un formateur pour l'atelier sur la gouvernance locale"
    )
    assert (
        clean_title("Regional Forum on Water Governance - 19/11/2027") == "Regional Forum on Water Governance"
    )


def test_a_grant_pages_meeting_heading_is_the_title_with_its_date():
    text = (
        "Deadline: 3 October 2027\n"
        "Regional Forum on Water Governance, 19 November 2027\n"
        "The Oasis Network is pleased to announce an open competition for organizations to submit "
        "applications to carry out 3 events on water governance in 2027.\n"
        "Eligible applicants are registered non-profit organisations.\n"
    )
    assert title_of(text) == "Regional Forum on Water Governance, 19 November 2027"


@pytest.mark.parametrize(
    ("issuer", "sentence", "title"),
    [
        (
            "Green Valley Trust",
            "Green Valley Trust is seeking applications for a Field Researcher for a survey of women's "
            "cooperatives in Tata.",
            "A Field Researcher for a survey of women's cooperatives in Tata",
        ),
        (
            "Sahel Vert Maroc",
            "Sahel Vert Maroc recrute un(e) formateur(trice) en budgétisation participative pour les "
            "élus communaux de la province.",
            "Formateur(trice) en budgétisation participative pour les élus communaux de la province",
        ),
    ],
)
def test_an_issuers_name_the_announcement_below_opens_with_does_not_hide_its_object(issuer, sentence, title):
    text = f"{issuer}\n{sentence}\nLocation: Tata, Morocco\nDeadline: 12/05/2027\n\nContext\n"
    assert ranked(text)[title] == 0
    assert title_of(text) == title


def test_a_heading_above_an_announcement_still_names_the_call_before_it():
    text = (
        "Field Researcher\n"
        "Green Valley Trust is seeking applications for a survey of women's cooperatives in Tata.\n"
        "Deadline: 12/05/2027\n"
    )
    assert "A survey of women's cooperatives in Tata" not in ranked(text)


def test_an_arabic_announcements_subject_after_its_verb_does_not_hide_its_object():
    text = (
        "المملكة المغربية\n"
        "شبكة الواحات للتنمية\n"
        "تعلن شبكة الواحات للتنمية عن حاجتها إلى مكون(ة) في مجال التخطيط التشاركي لفائدة المنتخبين.\n"
        "آخر أجل : 12/05/2027\n"
    )
    assert ranked(text)["مكون(ة) في مجال التخطيط التشاركي لفائدة المنتخبين"] == 0


def test_the_organisation_after_a_headings_bar_is_dropped_and_the_post_is_the_title():
    text = (
        "Portail Associatif\nAccueil > Portail Associatif > Association Atlas pour la Solidarité\n\n"
        "Association Atlas pour la Solidarité\nSite web : www.example.org\nAnnée de création : 2011\n"
        "Adresse : 3, rue Allal Ben Abdellah, Taza\nTéléphone : +212 5 35 00 00 00\n"
        "Domaines d'intervention : jeunesse, gouvernance locale\nAppels\nOpportunités\nProfil\n\n"
        "Formateur(trice) en gestion de projets associatifs | Association Atlas pour la Solidarité\n"
        "Type de contrat : Consultance\n\nContexte\n"
    )
    assert ranked(text)["Formateur(trice) en gestion de projets associatifs"] in (2, 5)
    assert title_of(text) == "Formateur(trice) en gestion de projets associatifs"


def test_a_long_phrase_after_a_bar_that_names_no_organisation_is_kept_out():
    text = "Appui aux coopératives | Programme régional de gouvernance des oasis du Sud\n\nContexte\n"
    assert "Appui aux coopératives" not in ranked(text)
