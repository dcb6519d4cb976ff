"""Messages matched to calls by subject, reference or address."""

from __future__ import annotations

import pytest

from nidaa.mailintake import CallKey, CallMatcher, Match, ParsedMessage, match_call, parse_message
from tests.mailintake.documents import fixture

PLAIDOYER = CallKey(
    id=1,
    subject="Candidature – formateur plaidoyer",
    reference="AO N°03/2024",
    addresses=("candidatures@ong-tadamon.ma",),
    title="Formateur en plaidoyer",
)
PLAIDOYER_AVANCE = CallKey(
    id=2,
    subject="Candidature – formateur plaidoyer avancé",
    reference="AO N°04/2024",
    addresses=("candidatures@ong-tadamon.ma",),
    title="Formateur en plaidoyer avancé",
)
EVALUATION = CallKey(
    id=3,
    subject="",
    reference="MA-2024-017",
    addresses=("appels@reseau-ecoles.org",),
    title="Évaluation finale",
)
ARABIC = CallKey(
    id=4,
    subject="ترشيح - مكون في الترافع",
    reference="",
    addresses=("tawdif@jamiya-amal.ma",),
    title="مكون في الترافع",
)
PLACEHOLDER = CallKey(
    id=5,
    subject="Candidature [NOM Prénom] – Étude de base Nour",
    reference="",
    addresses=(),
    title="Étude de base",
)
CALLS = [PLAIDOYER, PLAIDOYER_AVANCE, EVALUATION, ARABIC, PLACEHOLDER]


def _message(subject: str = "", body: str = "", recipients: tuple[str, ...] = ()) -> ParsedMessage:
    return ParsedMessage(
        message_id="<m@x>",
        sha256="0" * 64,
        subject=subject,
        from_name="",
        from_email="a@example.ma",
        forwarded_by="",
        recipients=list(recipients),
        sent_at=None,
        received_at=None,
        received_source="",
        body=body,
        attachments=[],
    )


@pytest.mark.parametrize(
    "subject",
    [
        "Candidature – formateur plaidoyer",
        "Candidature - Formateur Plaidoyer",
        "CANDIDATURE FORMATEUR PLAIDOYER",
        "candidature_formateur_plaidoyer - Amina Benali",
        "RE: TR: Fwd: Candidature : formateur, plaidoyer",
        "RE : Candidature – formateur plaidoyer",
        "Fw: [EXT] Candidature – formateur plaidoyer",
        "إعادة توجيه: Candidature – formateur plaidoyer",
    ],
)
def test_prescribed_subject_matches_whatever_the_prefixes_case_and_punctuation(subject: str) -> None:
    assert match_call(_message(subject), CALLS) == Match(1, "subject")


def test_the_longest_prescribed_subject_wins() -> None:
    message = _message("Candidature - formateur plaidoyer avance")
    assert match_call(message, CALLS) == Match(2, "subject")


def test_arabic_subject_with_variants_and_reply_prefix() -> None:
    assert match_call(_message("رد: ترشيح – مُكوّن في الترافع"), CALLS) == Match(4, "subject")
    parsed = parse_message(fixture("gmail_arabic.eml"))
    assert match_call(parsed, CALLS) == Match(4, "subject")


def test_placeholders_in_the_prescribed_subject_are_filled_by_anything() -> None:
    message = _message("Candidature Hicham BERRADA – étude de base Nour")
    assert match_call(message, CALLS) == Match(5, "subject")
    assert match_call(_message("Candidature – étude de base"), CALLS) is None


@pytest.mark.parametrize(
    "subject",
    [
        "Offre AO n° 03/2024",
        "AO No 03-2024 : candidature",
        "ao 03 / 2024",
        "AO N°3/2024",
        "AO03/2024",
        "AOº 03/2024",
    ],
)
def test_reference_in_the_subject_whatever_its_writing(subject: str) -> None:
    assert match_call(_message(subject), CALLS) == Match(1, "reference")


def test_reference_in_the_body_when_the_subject_says_nothing() -> None:
    message = _message("Dossier", body="Bonjour,\nsuite à l'appel MA 2024 017, voici mon offre.")
    assert match_call(message, CALLS) == Match(3, "reference")


def test_a_reference_inside_a_longer_number_does_not_match() -> None:
    assert match_call(_message("AO 03/20245"), CALLS) is None
    assert match_call(_message("Dossier", body="Tél. : 0612 MA-2024-0171"), CALLS) is None


def test_address_matches_only_when_one_candidate_call_uses_it() -> None:
    assert match_call(_message("Dossier", recipients=("appels@reseau-ecoles.org",)), CALLS) == Match(
        3, "address"
    )
    # Two calls share the NGO's mailbox: triage decides.
    assert match_call(_message("Dossier", recipients=("candidatures@ong-tadamon.ma",)), CALLS) is None
    assert match_call(_message("Dossier", recipients=("someone@else.ma",)), CALLS) is None


def test_calls_tied_on_the_subject_are_told_apart_by_reference_then_address() -> None:
    first = CallKey(10, "Candidature", "AO 11/2024", ("a@ong.ma",), "A")
    second = CallKey(11, "Candidature", "AO 12/2024", ("b@ong.ma",), "B")
    calls = [first, second]
    assert match_call(_message("Candidature"), calls) is None
    assert match_call(_message("Candidature AO 12/2024"), calls) == Match(11, "reference")
    assert match_call(_message("Candidature", recipients=("a@ong.ma",)), calls) == Match(10, "address")


def test_forwarded_applications_match_by_their_original_recipient_or_reference() -> None:
    parsed = parse_message(fixture("gmail_forward.eml"))
    assert match_call(parsed, CALLS) == Match(3, "reference")
    outlook = parse_message(fixture("outlook_forward_fr.eml"))
    assert match_call(outlook, CALLS) == Match(1, "subject")


def test_no_call_no_match() -> None:
    assert match_call(_message("Bonjour", body="Rien à voir"), CALLS) is None
    assert match_call(_message("Candidature – formateur plaidoyer"), []) is None


def test_short_references_without_digits_are_not_used() -> None:
    call = CallKey(20, "", "AMI", ("x@ong.ma",), "AMI")
    assert match_call(_message("Réponse AMI"), [call]) is None


def test_a_matcher_built_once_answers_like_match_call() -> None:
    matcher = CallMatcher(CALLS)
    messages = [
        _message("Candidature - formateur plaidoyer avance"),
        _message("x", body="MA-2024-017"),
        _message("x", recipients=("tawdif@jamiya-amal.ma",)),
        _message("x"),
    ]
    assert [matcher.match(m) for m in messages] == [match_call(m, CALLS) for m in messages]
    assert [matcher.match(m) for m in messages] == [
        Match(2, "subject"),
        Match(3, "reference"),
        Match(4, "address"),
        None,
    ]
