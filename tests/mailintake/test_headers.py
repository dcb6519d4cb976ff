"""Header values: encoded-words, MIME parameters, addresses and dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from nidaa.mailintake.headers import decode_header_value, parse_addresses, parse_date, received_date
from nidaa.mailintake.mime import parse_params


@pytest.mark.parametrize(
    ("raw", "decoded"),
    [
        ("=?utf-8?q?Offre_financi=C3=A8re?=", "Offre financière"),
        ("=?UTF-8?B?2KrYsdi02Q==?= =?UTF-8?B?ititIA==?=", "ترشيح"),  # one letter split across two words
        ("=?utf-8?q?a?= =?iso-8859-1?q?=E9?=", "aé"),  # the space between two words goes
        ("Candidature =?utf-8?q?=E2=80=93?= formateur", "Candidature – formateur"),
        ("=?windows-1256?B?x+HT7dHJ?=", "السيرة"),
        ("=?utf-8*ar?B?2KfZhNi52LHYtg==?=", "العرض"),
        ("=?utf-8?B?2KfZhNi52LHYtg?=", "العرض"),  # padding missing
        ("=?bogus-charset?q?caf=C3=A9?=", "café"),
        ("=?utf-8?q?unterminated", "=?utf-8?q?unterminated"),
        ("line\n\tfolded  \u200fname", "line folded name"),
    ],
)
def test_encoded_words_are_decoded(raw: str, decoded: str) -> None:
    assert decode_header_value(raw) == decoded


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('attachment; filename="CV.pdf"', ("attachment", {"filename": "CV.pdf"})),
        ("attachment; filename=Offre financière.pdf", ("attachment", {"filename": "Offre financière.pdf"})),
        (
            "attachment; filename*=utf-8''Offre%20financi%C3%A8re.pdf",
            ("attachment", {"filename": "Offre financière.pdf"}),
        ),
        (
            "attachment; filename*=iso-8859-1'fr'R%E9f%E9rences.pdf",
            ("attachment", {"filename": "Références.pdf"}),
        ),
        (
            "attachment; filename*1*=%A7.pdf; filename*0*=utf-8''%D8",  # parts out of order, a letter split
            ("attachment", {"filename": "ا.pdf"}),
        ),
        (
            'attachment; filename*0="Note "; filename*1="finale.pdf"',
            ("attachment", {"filename": "Note finale.pdf"}),
        ),
        (
            "attachment; filename=\"plain.pdf\"; filename*=utf-8''%C3%A9.pdf",
            ("attachment", {"filename": "é.pdf"}),  # the extended form wins
        ),
        ('attachment; filename="C:\\Docs\\CV.pdf"', ("attachment", {"filename": "C:\\Docs\\CV.pdf"})),
        ('attachment; filename="unterminated.pdf', ("attachment", {"filename": "unterminated.pdf"})),
        (
            'Multipart/Mixed; Boundary="b;1"; charset=UTF-8',
            ("multipart/mixed", {"boundary": "b;1", "charset": "UTF-8"}),
        ),
        ("", ("", {})),
    ],
)
def test_mime_parameters(value: str, expected: tuple[str, dict[str, str]]) -> None:
    assert parse_params(value) == expected


def test_addresses_simple_and_quoted_and_broken() -> None:
    assert parse_addresses(["Amina <Amina@Example.MA>, b@ong.ma"]) == [
        ("Amina", "amina@example.ma"),
        ("", "b@ong.ma"),
    ]
    assert parse_addresses(['"Berrada, Hicham" <h@menara.ma>']) == [("Berrada, Hicham", "h@menara.ma")]
    assert parse_addresses(["=?utf-8?b?2YrZiNiz2YE=?= <y@example.ma>"]) == [("يوسف", "y@example.ma")]
    assert parse_addresses(["undisclosed-recipients:;"]) == []
    assert parse_addresses(["Amina Benali amina@example.ma (sans chevrons)"]) == [("", "amina@example.ma")]


def test_dates_and_received_stamps() -> None:
    assert parse_date("Tue, 5 Mar 2024 23:59:00 +0000") == datetime(2024, 3, 5, 23, 59, tzinfo=UTC)
    assert parse_date("5 Mar 2024 23:59 GMT") == datetime(2024, 3, 5, 23, 59, tzinfo=UTC)
    assert parse_date("31/02/2024") is None
    assert parse_date("") is None
    assert received_date("from a by b with SMTP; Tue, 5 Mar 2024 23:59:00 +0000 (UTC)") == datetime(
        2024, 3, 5, 23, 59, tzinfo=UTC
    )
    assert received_date("from a by b with SMTP") is None
