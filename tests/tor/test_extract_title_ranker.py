"""The title ranker (issue 16): candidates from the rules and the plain top lines, scored by the
logistic model stored as JSON; and the issuer shapes added with it. Written from the patterns of
published calls (portals, job boards, letters of invitation, Moroccan public notices), not from
any one call."""

from __future__ import annotations

import json

import pytest

from nidaa.tor.extract import extract_fields
from nidaa.tor.fields import title_rank
from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.title import title_candidates
from nidaa.tor.sections import segment
from nidaa.tor.text import Views


def _candidates(text: str) -> list[title_rank.Candidate]:
    views = Views.of(text)
    return title_candidates(Doc(views, segment(views), None))


def test_model_is_plain_json_with_one_weight_per_feature():
    data = json.loads(title_rank.MODEL_PATH.read_text(encoding="utf-8"))
    assert len(data["features"]) == len(data["weights"])
    assert isinstance(data["bias"], float)
    model = title_rank.model()
    names = {
        name
        for c in _candidates("Home\nJobs\n\nProject Officer – Water\nLocation: Rabat\n")
        for name in c.features
    }
    assert names <= set(model.features)  # every feature the reader computes has a weight


def test_ranking_is_deterministic():
    text = "Accueil\nOffres\n\nChargé(e) de plaidoyer\nLieu : Fès\nPublié le 02/03/2026\n\nContexte\nLe projet vise ...\n"
    first, again = _candidates(text), _candidates(text)
    title_rank.pick(first)
    title_rank.pick(again)
    assert [(c.text, c.probability) for c in first] == [(c.text, c.probability) for c in again]
    assert extract_fields(text)["title"] == extract_fields(text)["title"] == "Chargé(e) de plaidoyer"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (  # a portal: site name, navigation, posting date, then the post and its label lines
            "Portail Emploi Associatif\nAccueil\nOffres\nConnexion\nPublié le 04/05/2026\n\n"
            "Coordinateur(trice) de projet jeunesse\n\nLieu : Settat\nType de contrat : CDD\n\n"
            "Contexte\nLe projet vise ...\n",
            "Coordinateur(trice) de projet jeunesse",
        ),
        (  # a job board in English
            "NGO Careers\nHome\nJobs\nSign in\n\nMonitoring and Evaluation Officer\n\nLocation: Agadir, Morocco\n"
            "Contract type: Full time\nDeadline: 30 June 2026\n\nAbout the organisation\n",
            "Monitoring and Evaluation Officer",
        ),
        (  # a title in capitals printed over several lines, each ending on a link word
            "Vous êtes sur la page 1 sur 9\n\nTERMES DE REFERENCE POUR LA CONCEPTION D'UN\n\n"
            "GUIDE PRATIQUE POUR:\n\n- LA GESTION DES ASSOCIATIONS DE\n\nQUARTIER DANS LA VILLE DE SAFI\n\n"
            "1 Contexte\nLe projet ...\n",
            "Termes de reference pour la conception d'un guide pratique pour la gestion des associations de "
            "quartier dans la ville de safi",
        ),
        (  # a repost whose first line is cut on a link word: the full title line wins
            "REF-2026-14 Appel à consultation pour le recrutement d`un\n\nTranscription\n\n"
            "Appel à consultation pour le recrutement d'un bureau d'études pour l'audit des coopératives\n"
            "Lieu de la mission\nMeknès\n",
            "Appel à consultation pour le recrutement d'un bureau d'études pour l'audit des coopératives",
        ),
        (  # an Arabic portal: navigation, then the post
            "بوابة التشغيل\nالرئيسية\nأخبار\n\nمنسق(ة) مشروع في مجال التربية المالية\n\n"
            "المدينة : وجدة\nآخر أجل : 12 يونيو 2026\n",
            "منسق(ة) مشروع في مجال التربية المالية",
        ),
    ],
)
def test_title_among_page_furniture(text, title):
    fields = extract_fields(text)
    assert fields["title"].casefold() == title.casefold()
    assert 0 < fields["confidence"]["title"] <= 0.95


def test_no_title_line_gives_no_title():
    # label lines and a sentence: nothing names the call
    text = "Lieu : Rabat\nDurée : 10 jours\nDate limite : 12/06/2026\n"
    assert extract_fields(text)["title"] is None


def test_a_strongest_cue_answer_is_kept_when_nothing_is_probable(monkeypatch):
    # a model unsure of every candidate: the strongest cue rule's complete title stands,
    # a plain line does not, nor a cue line cut off on a link word
    unsure = title_rank.Model(("bias_only",), (0.0,), -10.0, {})
    monkeypatch.setattr(title_rank, "model", lambda: unsure)
    span = (0, 10)
    ruled = title_rank.Candidate(0, "Recrutement d'un formateur", span, {"rule_0": 1.0, "rules_choice": 1.0})
    plain = title_rank.Candidate(5, "Lieu : Rabat", span, {"rule_5": 1.0})
    assert title_rank.pick([ruled, plain]) is ruled
    assert title_rank.pick([plain]) is None
    cut_off = title_rank.Candidate(
        0, "Recrutement d'un", span, {"rule_0": 1.0, "rules_choice": 1.0, "dangling": 1.0}
    )
    assert title_rank.pick([cut_off, plain]) is None


def test_when_nothing_is_probable_a_likelier_candidate_beats_the_strongest_cue_answer(monkeypatch):
    # the strongest cue rule says the page has a title; among the unlikely candidates the
    # model prefers a heading to the rule's sentence: the heading is the title
    heading = {"rule_4": 1.0, "headline": 1.0}
    unsure = title_rank.Model(("headline",), (2.0,), -6.0, {"headline": 2.0})
    monkeypatch.setattr(title_rank, "model", lambda: unsure)
    span = (0, 10)
    ruled = title_rank.Candidate(
        0, "Les dossiers incomplets ne seront pas examinés", span, {"rule_0": 1.0, "rules_choice": 1.0}
    )
    programme = title_rank.Candidate(4, "Programme Ajyal 2026 de soutien aux initiatives", span, heading)
    assert title_rank.pick([ruled, programme]) is programme
    assert programme.probability < title_rank.MIN_PROBABILITY  # nothing probable enough
    assert title_rank.pick([ruled]) is ruled


def test_a_heading_over_the_date_it_was_posted_is_marked():
    # a grants site: menus, the call's heading over its posting date, then its label rows
    text = (
        "Opportunités\nConnexion\n\nSubventions pour les radios associatives du Souss\n"
        "3 février 2026\nDate limite : 30 avril 2026\nMontant : 50 000 MAD\n\n"
        "Le fonds invite les radios associatives à soumettre un projet de programmes locaux.\n"
    )
    below = {c.text: c.features["date_below"] for c in _candidates(text)}
    assert below["Subventions pour les radios associatives du Souss"] == 1.0
    # a label row over another is no heading over a date, nor is a line with a paragraph below
    assert below.get("Date limite : 30 avril 2026", 0.0) == 0.0
    assert all(v == 0.0 for t, v in below.items() if t != "Subventions pour les radios associatives du Souss")


def _fixed(weights: dict[str, float]) -> title_rank.Model:
    return title_rank.Model(tuple(weights), tuple(weights.values()), 0.0, dict(weights))


def test_a_generic_header_gives_way_to_a_line_of_its_rule_that_says_more(monkeypatch):
    # a tender's notice: "Appel d'offres ouvert n° 12/2024" (the kind of call, the rules' first
    # choice) over its object; about as probable, the object is the title, a much less
    # probable one is not
    span = (0, 10)
    header = title_rank.Candidate(
        1, "Appel d'offres ouvert n° 12/2024", span, {"rules_choice": 1.0, "generic_header": 1.0}
    )
    obj = title_rank.Candidate(
        1, "Formation des élus de la commune en gestion budgétaire", span, {"object": 1.0}
    )
    # probabilities 0.60 (header) and 0.55 (object): 0.05 apart
    monkeypatch.setattr(title_rank, "model", lambda: _fixed({"generic_header": 0.405465, "object": 0.200671}))
    assert title_rank.pick([header, obj]) is obj
    # 0.60 and 0.45: the model finds the header likelier, it stays
    monkeypatch.setattr(
        title_rank, "model", lambda: _fixed({"generic_header": 0.405465, "object": -0.200671})
    )
    assert title_rank.pick([header, obj]) is header
    # a plain line (a weaker rule) does not displace the header, however probable
    plain = title_rank.Candidate(5, "Commune de Tiznit", span, {"object": 1.0})
    monkeypatch.setattr(title_rank, "model", lambda: _fixed({"generic_header": 0.405465, "object": 0.200671}))
    assert title_rank.pick([header, plain]) is header


def test_a_cue_rules_answer_stands_unless_the_model_finds_another_line_clearly_likelier(monkeypatch):
    # a cue rule's object at 0.50; a label's value at 0.55 does not overrule it, at 0.65 it does
    span = (0, 10)
    ruled = title_rank.Candidate(0, "Recrutement d'un formateur en gestion", span, {"rules_choice": 1.0})
    value = title_rank.Candidate(5, "Organisation : Association Tifawin", span, {"value": 1.0})
    monkeypatch.setattr(title_rank, "model", lambda: _fixed({"rules_choice": 0.0, "value": 0.200671}))
    assert title_rank.pick([ruled, value]) is ruled
    monkeypatch.setattr(title_rank, "model", lambda: _fixed({"rules_choice": 0.0, "value": 0.619039}))
    assert title_rank.pick([ruled, value]) is value


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (  # a letter of invitation: "X « ACR » vous invitent"
            "Lettre d'invitation\nMadame, Monsieur,\nLes Services de la Région Atlantique « SRA » vous invitent "
            "à soumettre une proposition pour la mission ci-dessous.\n",
            "Services de la Région Atlantique",
        ),
        (  # the organisation presenting itself with its acronym
            "Call for trainers\n\nBackground\nThe Mediterranean Institute for Dialogue (MID) is a national, "
            "nonpartisan, independent institute working on ...\n",
            "Mediterranean Institute for Dialogue (MID)",
        ),
        (  # a consortium: its first member leads it
            "Contexte\nLe programme est réalisé dans le cadre d'un consortium formé par Solidarité Rurale (SR) "
            "et Eau Vive, avec le financement de l'Union européenne.\n",
            "Solidarité Rurale (SR)",
        ),
        (  # a contact block signed with the organisation
            "Termes de référence\n\nContacts :\nSalma BENNANI,\nResponsable des programmes,\nRéseau Tanmia Locale\n"
            "Sommaire\n1. Contexte\n",
            "Réseau Tanmia Locale",
        ),
        (  # a job board's announcement
            "Project Officer\nGreen Oasis Alliance is hiring a Project Officer for its water programme.\n",
            "Green Oasis Alliance",
        ),
        (  # the Moroccan public notice formula
            "ينهي المدير العام للوكالة الوطنية للمياه والغابات إلى علم العموم أنه سينظم مباراة لتوظيف تقنيين.\n",
            "الوكالة الوطنية للمياه والغابات",
        ),
        (  # the submission address's domain is an acronym the text defines
            "Recrutement d'un formateur\nL'Alliance des Jeunes Entrepreneurs (AJE) accompagne ...\n"
            "Les candidatures sont à envoyer à recrutement@aje.ma\n",
            "Alliance des Jeunes Entrepreneurs (AJE)",
        ),
    ],
)
def test_issuer_shapes(text, issuer):
    assert extract_fields(text)["issuer"] == issuer


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (  # the last body of the stack issues the call, as the text writes it
            "ROYAUME DU MAROC\nMINISTERE DE L'INTERIEUR\nPROVINCE DE BERKANE\n\nAvis d'appel d'offres ouvert N° 4/2026\n"
            "Objet : formation des agents de la Province de Berkane\n",
            "Province de Berkane",
        ),
        (
            "المملكة المغربية\nوزارة الصحة والحماية الاجتماعية\nالمديرية الجهوية للصحة بجهة فاس مكناس\n\nإعلان عن مباراة\n",
            "المديرية الجهوية للصحة بجهة فاس مكناس",
        ),
        (
            "Royaume du Maroc\nAssociation Amal pour le Développement\n\nTermes de référence\n",
            "Association Amal pour le Développement",
        ),
    ],
)
def test_issuer_of_an_administrations_letterhead(text, issuer):
    assert extract_fields(text)["issuer"] == issuer


@pytest.mark.parametrize(
    ("text", "title", "call_type"),
    [
        (  # a post in capitals whose second line opens on a link word
            "FORMATEUR(TRICE)\nPOUR LA FORMATION DES ÉLUS EN GESTION BUDGÉTAIRE\n- Lieu : Béni Mellal\nContexte\n",
            "FORMATEUR(TRICE) POUR LA FORMATION DES ÉLUS EN GESTION BUDGÉTAIRE",
            "trainer",
        ),
        (  # "Independent Contractor:" introduces the post on the next line
            "Call for Independent Contractor(s)\n\nIndependent Contractor:\n\nTrainer for Youth Workers on Conflict "
            "Sensitivity\n\nRelease Date: May 2, 2026\n",
            "Trainer for Youth Workers on Conflict Sensitivity",
            "trainer",
        ),
    ],
)
def test_title_shapes_of_notices(text, title, call_type):
    fields = extract_fields(text)
    assert (fields["title"], fields["call_type"]) == (title, call_type)


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Proposals Due Date: 23:00pm Tunis time on December 31, 2026", "2026-12-31T23:00"),
        ("Applications must be submitted by 4:30 pm local time on 3 May 2026.", "2026-05-03T16:30"),
        ("Date limite : 18h heure locale le 12 mars 2026", "2026-03-12T18:00"),
    ],
)
def test_time_and_zone_in_words_before_the_date(text, deadline):
    assert extract_fields(text)["deadline"] == deadline


def test_the_rules_choice_says_which_rule_gave_it():
    # the model learns how far each rule's first answer is trusted: only the rules' choice
    # carries its rule, the other candidates carry none
    found = _candidates("Accueil\n\nRecrutement d'un formateur en gestion associative\n\nLieu : Fès\n")
    first = found[0]
    assert first.features["rules_choice"] == 1.0
    assert first.features[f"rules_choice_{first.rank}"] == 1.0
    assert [
        name
        for c in found[1:]
        for name, value in c.features.items()
        if name.startswith("rules_choice") and value
    ] == []


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "تسجيل الدخول » مباريات التوظيف\n\nطلب عروض مفتوح من أجل تقييم مشروع الماء للجميع\n\n"
            "آخر أجل : 12 يونيو 2026\n",
            "طلب عروض مفتوح من أجل تقييم مشروع الماء للجميع",
        ),
        (
            "الرئيسية » مباريات التوظيف\n\nطلب عروض من أجل إنجاز دراسة حول التشغيل الذاتي\n\n"
            "آخر أجل : 12 يونيو 2026\n",
            "طلب عروض من أجل إنجاز دراسة حول التشغيل الذاتي",
        ),
        (
            "Sign in » Recruitment notices\n\nCall for proposals for the evaluation of the Wifaq project\n\n"
            "Deadline: 12 June 2026\n",
            "Call for proposals for the evaluation of the Wifaq project",
        ),
        (
            "Connexion » Offres de recrutement\n\nAppel à candidatures pour l'évaluation du projet Wifaq\n\n"
            "Date limite : 12/06/2026\n",
            "Appel à candidatures pour l'évaluation du projet Wifaq",
        ),
    ],
)
def test_a_menu_or_breadcrumb_with_recruitment_words_is_not_the_rules_answer_that_stands(text, title):
    # a cue rule's first answer stands unless the model contradicts it; a site's path with
    # "recruitment" in it is where the call sits, not what it is
    assert extract_fields(text)["title"] == title
