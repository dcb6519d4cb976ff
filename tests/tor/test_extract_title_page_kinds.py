"""Titles on three kinds of pages (issue 16, second round), written from their patterns with
invented organisations and sentences: a recruitment platform's label/value lines whose category
values come before the post's name, a job board page whose text starts at its application form
(the post a short name with two roles joined by a slash), a grants aggregator whose heading is
a programme's name with its year; and what is never a title on them (a list of categories, a
sentence saying what a project aims to do, a line the reader's head limit cuts)."""

from __future__ import annotations

import pytest

from tests.tor.titles import candidates, title_of

PLATFORM = {
    "fr": (
        "Réf.\n2027/KLMNOP/5521\nType d'offre\nExperts\nType de contrat\nContrat de prestation de services\n"
        "Domaines d'expertises\nGouvernance locale, budgets publics ; Jeunesse, Emploi, Formation\n"
        "Date limite de candidature\n14/03/2027 23:59\nDurée\n25 jours\n"
        "Département Territoires > Pôle Décentralisation\n{post}\nAssociation Sahel Vert\n"
        "Mis en ligne le : 02/02/2027\nMAROC\nOUARZAZATE\n1. Contexte\n"
        "L'association accompagne les communes rurales depuis 2012.\n"
    ),
    "en": (
        "Ref.\n2027/QRSTUV/881\nOffer type\nExperts\nAreas of expertise\n"
        "Water management, irrigation ; Climate, Agriculture, Rural development\n"
        "Application deadline\n14/03/2027 23:59\n"
        "Cedar Coast Foundation\n{post}\nPosted on: 2 February 2027\nMOROCCO\nTAZA\n1. Background\n"
        "The foundation works with farmers' cooperatives.\n"
    ),
    "ar": (
        "المرجع\n2027/ABCDEF/112\nنوع العرض\nخبراء\nمجالات الخبرة\nالتنمية القروية، الماء ; الشباب، التشغيل، التكوين\n"
        "آخر أجل للترشيح\n14/03/2027\n{post}\nجمعية الواحة الخضراء\nنشر في : 02/02/2027\nالمغرب\nزاكورة\n"
        "أولا: السياق\nتعمل الجمعية مع التعاونيات منذ سنة 2010.\n"
    ),
}


@pytest.mark.parametrize(
    ("language", "post"),
    [
        ("fr", "Expert(e) en accompagnement des communes rurales"),
        ("fr", "Formateur / Consultant"),
        ("en", "Irrigation Expert/Trainer"),
        ("en", "Expert in water user associations"),
        ("ar", "خبير(ة) في تدبير الماء"),
        ("ar", "مكون / مستشار"),
    ],
)
def test_a_platform_page_gives_the_post_beside_the_organisation_not_its_categories(language, post):
    assert title_of(PLATFORM[language].format(post=post)) == post


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_a_platform_page_without_the_post_has_no_title_rather_than_a_category_list(language):
    lines = PLATFORM[language].format(post="").split("\n")
    text = "\n".join(line for line in lines if line)
    assert title_of(text) is None


FORM = (
    "Requires a Cover Letter?: \nApplication Submissions Guideline: \n"
    "  1. Interested consultants should submit the following documents not later than 3 May 2027\n\n"
    "Contact Person Email: \n{post}\n\n  1. Background\n\n"
    "Olive Bridge Network is a regional organisation working with municipalities.\n\n"
    "Olive Bridge Network's intervention aims to support local committees in three districts - "
    "North Hills, the River Plain areas, and Old Town - to strengthen dialogue between residents "
    "and municipal services, and to help participating committees become more sustainable organisations.\n"
)


@pytest.mark.parametrize(
    "post", ["External Evaluator/Consultant", "Researcher / Facilitator", "Trainer/Coach"]
)
def test_a_form_page_gives_the_post_with_two_roles(post):
    assert title_of(FORM.format(post=post)) == post


def test_a_sentence_saying_what_an_intervention_aims_to_do_is_never_the_title():
    assert title_of(FORM.format(post="")) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The project aims to support women's cooperatives in the oases",
        "Le programme vise à renforcer les conseils de jeunes des communes",
        "يهدف المشروع إلى دعم التعاونيات النسائية بالواحات",
    ],
)
def test_a_purpose_sentence_is_not_a_candidate_even_as_a_short_top_line(sentence):
    assert sentence not in candidates(f"{sentence}\n\nContexte\nDes détails suivent.\n")


def test_a_line_cut_by_the_head_limit_is_not_a_heading():
    # the reader looks at the head of a long document; the line its limit falls in is cut
    # there and is not a line of the page
    paragraph = "Résumé " + "des activités menées dans la région avec les partenaires " * 30
    text = (
        "Date limite : 12/03/2027\n\n"
        + "\n".join(["Le contexte est décrit ci-dessous."] * 20)
        + "\n"
        + paragraph
        + "\n"
    )
    text += "Suite du document.\n" * 400
    cut_line_start = paragraph[:30]
    assert not any(c.startswith(cut_line_start) for c in candidates(text))


@pytest.mark.parametrize(
    ("heading", "announcement"),
    [
        (
            "Morocco 2027 Alumni Civic Leadership Seminar",
            "The Cultural Office of the Embassy is pleased to announce an open competition for "
            "organizations to submit applications to carry out 3 separate events in 2027.",
        ),
        (
            "Fonds Atlas 2027 pour les initiatives de jeunesse",
            "La Fondation Atlas a le plaisir d'annoncer un appel ouvert aux associations pour "
            "soumettre des propositions en 2027.",
        ),
        (
            "برنامج الواحات 2027 لدعم مبادرات الشباب",
            "يسر صندوق الواحات أن يعلن عن فتح باب الترشيح أمام الجمعيات لتقديم مقترحات خلال سنة 2027.",
        ),
    ],
)
def test_a_grant_page_gives_the_programme_heading_with_its_year(heading, announcement):
    deadline = "Deadline: 01-Aug-27"
    text = f"{deadline}\n{heading}\n{announcement}\nObjectives\n- Logistics: provide support.\n"
    assert title_of(text) == heading
