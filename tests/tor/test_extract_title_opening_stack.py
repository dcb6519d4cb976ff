"""The lines that open a page above a call's heading (issue 16, round eleven: the weak families
of unseen calls): a site's name over its menu, a funder's name over its programme's, an
organisation's name before the colon of a job board's heading. Invented pages and names; what
is tested is the pattern, not a call of the corpus."""

from __future__ import annotations

import pytest

from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import title_candidates
from nidaa.tor.fields.title_stack import issuer_label, organisation_only
from nidaa.tor.sections import segment
from nidaa.tor.text import Views, fold
from tests.tor.titles import candidates, title_of


def features(text: str) -> dict[str, dict[str, float]]:
    """Each candidate's features, by its text."""
    views = Views.of(text)
    return {c.text: c.features for c in title_candidates(Doc(views, segment(views), None))}


@pytest.mark.parametrize(
    "line",
    [
        "CEDAR FUND FOR CIVIL SOCIETY",
        "Public Affairs Section, Embassy of Westland",
        "Juniper Trust for Local Democracy",
        "HASHEMITE KINGDOM OF NORTHLAND",
        "Fondation Atlas pour l'Environnement",
        "المركز المغربي للتنمية المحلية",
        "شبكة جمعيات الواحات",
    ],
)
def test_a_line_naming_an_organisation_and_nothing_else(line):
    assert organisation_only(fold(line)) is True


@pytest.mark.parametrize(
    "line",
    [
        "Coordinateur du programme de la Fondation Atlas",  # a post
        "Appel à projets de la Fondation Atlas",  # a call
        "Civic Participation Fund 2027",  # a programme's year
        "Organisation : Association Nour",  # a label row
        "Citizen monitoring of municipal budgets in Tata",  # no organisation
    ],
)
def test_a_post_a_call_or_a_label_is_no_organisation_alone(line):
    assert organisation_only(fold(line)) is False


FUNDED = (
    "{funder}\n"
    "Civic Participation Grants\n"
    "Citizen monitoring of municipal budgets in Tata\n"
    "Posted 12/02/2027\n"
    "Total amount available: USD 120,000\n"
    "Application deadline: 30 April 2027\n\n"
    "Background\n"
    "The trust invites registered associations to submit concept notes for projects of up to 12 months.\n"
)


def test_a_funder_in_capitals_over_its_programme_is_a_line_over_a_heading():
    found = features(FUNDED.format(funder="JUNIPER TRUST FOR LOCAL DEMOCRACY"))
    funder = found["JUNIPER TRUST FOR LOCAL DEMOCRACY"]
    assert (funder["organisation_only"], funder["over_heading"], funder["capitals_over_heading"]) == (1, 1, 1)
    programme = found["Civic Participation Grants"]
    assert (programme["over_heading"], programme["capitals_over_heading"]) == (1, 0)
    # the call's heading is the last of the stack: a posting date is below it, no heading
    assert found["Citizen monitoring of municipal budgets in Tata"]["over_heading"] == 0


def test_a_funder_named_over_its_programme_leaves_the_title_to_the_call():
    text = (
        "Fondation Atlas pour l'Environnement\n\n"
        "Youth Climate Action Fund – Cycle 3\n"
        "Restauration des oasis par les associations de jeunes de Figuig\n"
        "Date limite : 15/05/2027\n"
        "Montant : jusqu'à 200 000 dirhams\n\n"
        "La Fondation Atlas pour l'Environnement invite les associations de jeunes à soumettre des propositions.\n"
    )
    found = features(text)
    assert found["Fondation Atlas pour l'Environnement"]["organisation_only"] == 1
    assert found["Youth Climate Action Fund – Cycle 3"]["over_heading"] == 1
    assert title_of(text) == "Restauration des oasis par les associations de jeunes de Figuig"


def test_a_heading_over_its_posting_date_and_share_buttons_is_no_line_over_a_heading():
    text = (
        "Careers for Good\nHome\nJobs\nLog in\n\n"
        "Water, Sanitation and Hygiene Officer\n"
        "Posted 3 days ago\nShare\nLinkedIn\nApply now\n\n"
        "Duty Station: Mafraq\nClosing date: 2 May 2027\n"
    )
    found = features(text)
    assert found["Water, Sanitation and Hygiene Officer"]["over_heading"] == 0
    assert title_of(text) == "Water, Sanitation and Hygiene Officer"


@pytest.mark.parametrize(
    ("site", "menu"),
    [
        ("Emploi Associatif", "Menu\nAccueil\nOffres d'emploi\n"),
        ("Grants Corner", "Contact us\nOpportunities\nHome\n"),
        ("بوابة الجمعيات", "الرئيسية\nأخبار\nاتصل بنا\n"),
    ],
)
def test_a_sites_name_over_its_menu_is_marked_and_is_not_the_title(site, menu):
    text = (
        f"{site}\n{menu}\n"
        "Évaluation à mi-parcours du projet « Jardins Partagés »\n"
        "Association Tiwizi\n"
        "Lieu : Taroudant\n"
        "Date limite : 20/06/2027\n\n"
        "L'association Tiwizi œuvre depuis 2011 pour l'agriculture familiale dans la vallée du Souss.\n"
    )
    assert features(text)[site]["over_menu"] == 1
    assert title_of(text) == "Évaluation à mi-parcours du projet « Jardins Partagés »"


@pytest.mark.parametrize(
    "line",
    [
        "المديرية الجهوية للفلاحة بسوس: مباراة توظيف 12 تقنيا من الدرجة الثالثة",
        "Agence Régionale de Développement du Sud : appel à projets pour l'animation culturelle des ksour",
        "Office Régional de Mise en Valeur Agricole : recrutement de 4 techniciens en irrigation",
    ],
)
def test_a_heading_naming_its_issuer_before_the_colon_is_proposed_whole(line):
    text = f"{line}\n\nLieu : Agadir\nDate limite : 10/07/2027\n"
    assert candidates(text)[0] == line


def test_a_key_before_the_colon_is_no_issuer():
    assert issuer_label(fold("Organisation :")) is False
    assert issuer_label(fold("Type de contrat :")) is False
    assert issuer_label(fold("Agence Régionale de Développement du Sud :")) is True
