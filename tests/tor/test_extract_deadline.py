"""The deadline: the date in a deadline context, not workshop or creation dates."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "deadline", "phrase"),
    [
        (
            "L'atelier aura lieu le 13 novembre 2024.\nLes dossiers sont à envoyer au plus tard le 2 novembre 2024 à 18h00.",
            "2024-11-02T18:00",
            "au plus tard le 2 novembre 2024 à 18h00",
        ),
        (
            "Délai de soumission :\nLe 05 Janvier 2025 à 23 H:59\n",
            "2025-01-05T23:59",
            "Le 05 Janvier 2025 à 23 H:59",
        ),
        ("Date limite : 28/02/2025\n", "2025-02-28", "Date limite : 28/02/2025"),
        (
            "Applications must be received no later than 31 March 2025, 5 pm.",
            "2025-03-31T17:00",
            "no later than 31 March 2025, 5 pm",
        ),
        (
            "Deadline: 3 October 2025 before midnight",
            "2025-10-03T23:59",
            "Deadline: 3 October 2025 before midnight",
        ),
        (
            "آخر أجل لإرسال الترشيحات هو ٢٠ فبراير ٢٠٢٥ على الساعة ١٨:٠٠",
            "2025-02-20T18:00",
            "آخر أجل لإرسال الترشيحات هو ٢٠ فبراير ٢٠٢٥ على الساعة ١٨:٠٠",
        ),
        ("ترسل الترشيحات في أجل أقصاه 10 مارس 2025.", "2025-03-10", "في أجل أقصاه 10 مارس 2025"),
    ],
)
def test_deadline(text, deadline, phrase):
    fields = extract_fields(text)
    assert fields["deadline"] == deadline
    assert fields["deadline_text"] == phrase
    assert fields["deadline_timezone"] == "Africa/Casablanca"
    (span,) = fields["evidence"]["deadline"]
    assert text[span["start"] : span["end"]].replace("*", "").split()[-1] == phrase.split()[-1]


def test_no_deadline_when_only_event_dates():
    text = "Calendrier\nLa rencontre nationale est prévue le 13 novembre 2024 à Saïdia.\nCréée en 2004, l'association..."
    fields = extract_fields(text)
    assert (
        fields["deadline"] is None and fields["deadline_text"] is None and fields["deadline_timezone"] is None
    )
    assert "deadline" not in fields["evidence"] and "deadline" not in fields["confidence"]


def test_named_offset_is_the_timezone():
    fields = extract_fields("Proposals must be sent no later than 15 April 2025 at 12:00 (GMT+1).")
    assert fields["deadline"] == "2025-04-15T12:00"
    assert fields["deadline_timezone"] == "UTC+01:00"


def test_deadline_section_beats_earlier_dates():
    text = (
        "Date de publication | 3 février 2025\n"
        "Les sessions auront lieu du 10 mars 2025 au 20 mars 2025.\n"
        "Date limite de dépôt : 28/02/2025 à 18h00.\n"
    )
    assert extract_fields(text)["deadline"] == "2025-02-28T18:00"
