"""Dates and times as calls print them, in French, English and Arabic."""

from __future__ import annotations

import pytest

from nidaa.tor.dates import find_dates, parse_date, timezone_of


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("Au  plus tard le 06 Janvier 2025  à  23H59Min  au mail suivant", "2025-01-06T23:59"),
        ("au plus tard le 21 Janvier 2025, avant minuit.", "2025-01-21T23:59"),
        ("Le 05  Janvier  2025 à 23 H:59 ", "2025-01-05T23:59"),
        ("Postulez au plus tard le **17/07/2022** en joignant", "2022-07-17"),
        ("le 1er mars 2025 à 18h00 (GMT+1)", "2025-03-01T18:00"),
        ("avant le 3 février 2026 à 12h", "2026-02-03T12:00"),
        ("jusqu'au 30 août 2025 à 17h30", "2025-08-30T17:30"),
        ("le 15 décembre 2026 à 23h59", "2026-12-15T23:59"),
        ("avant 12h00 le 15 mars 2025", "2025-03-15T12:00"),
        ("le lundi 2 juin 2025", "2025-06-02"),
        ("no later than 12 March 2025 at 17:00", "2025-03-12T17:00"),
        ("by January 6, 2025 at 5 pm", "2025-01-06T17:00"),
        ("before 5 pm on Monday, January 6, 2025", "2025-01-06T17:00"),
        ("Deadline: 3rd of October 2025, before midnight", "2025-10-03T23:59"),
        ("closing date 2025-11-04", "2025-11-04"),
        ("15.09.2025", "2025-09-15"),
        ("15-09-2025 at 10:30 am", "2025-09-15T10:30"),
        ("في أجل أقصاه 15 دجنبر 2026 على الساعة 23:59", "2026-12-15T23:59"),
        ("آخر أجل ١٥ دجنبر ٢٠٢٦", "2026-12-15"),
        ("قبل ۳۰ شتنبر ۲۰۲۵", "2025-09-30"),
        ("30 شتنبر 2025 قبل منتصف الليل", "2025-09-30T23:59"),
        ("06 يناير 2025 على الساعة 12 ليلا", "2025-01-06T23:59"),
        ("على الساعة 10:00 من يوم 06 يناير 2025", "2025-01-06T10:00"),
        ("10 كانون الثاني 2025", "2025-01-10"),
        ("1 تشرين الأول 2025", "2025-10-01"),
        ("20 أيار 2025", "2025-05-20"),
        ("12 غشت 2025", "2025-08-12"),
        ("7 يوليوز 2025", "2025-07-07"),
        ("9 نونبر 2025", "2025-11-09"),
        ("14 ماي 2025", "2025-05-14"),
        ("2 أبريل 2025", "2025-04-02"),
        ("2 ابريل 2025 على الساعة الخامسة", "2025-04-02"),
        ("28 ديسمبر 2025", "2025-12-28"),
        ("2025/01/31", "2025-01-31"),
        ("يوم الجمعة 28 مارس 2025 قبل الساعة الرابعة مساء", "2025-03-28T16:00"),
        ("28 مارس 2025 على الساعة العاشرة والنصف صباحا", "2025-03-28T10:30"),
        ("28 مارس 2025 على الساعة الثانية عشرة زوالا", "2025-03-28T12:00"),
        ("28 mars 2025 à midi", "2025-03-28T12:00"),
        ("avant midi le 28 mars 2025", "2025-03-28T12:00"),
        ("28 March 2025 at noon", "2025-03-28T12:00"),
        ("28 mars 2025 dans l'après-midi", "2025-03-28"),
    ],
)
def test_parse(phrase, iso):
    match = parse_date(phrase)
    assert match is not None, phrase
    assert match.iso == iso


@pytest.mark.parametrize(
    "phrase",
    [
        "Créée en 2004, l'association",
        "07/2022/IOT /MAR20000211",
        "le 31 février 2025",
        "entre 2023 et 2027",
        "Réf. AMUSSU/2024/226",
        "3 jours (1 jour par zone)",
    ],
)
def test_not_a_date(phrase):
    assert find_dates(phrase) == []


def test_spans_quote_the_date_and_time():
    text = "Date limite : le 06 Janvier 2025 à 23H59. Atelier le 13 novembre 2024."
    first, second = find_dates(text)
    assert text[first.start : first.end] == "06 Janvier 2025 à 23H59"
    assert text[second.start : second.end] == "13 novembre 2024"
    assert second.hour is None


def test_arabic_indic_digits_keep_offsets():
    text = "آخر أجل: ١٥ دجنبر ٢٠٢٦ على الساعة ٢٣:٥٩"
    (match,) = find_dates(text)
    assert match.iso == "2026-12-15T23:59"
    assert text[match.start : match.end] == "١٥ دجنبر ٢٠٢٦ على الساعة ٢٣:٥٩"


def test_time_does_not_come_from_the_next_item():
    (match,) = find_dates("le 12 juin 2025. 12. Soumission")
    assert match.iso == "2025-06-12"


@pytest.mark.parametrize(
    ("tz", "zone"),
    [
        ("(GMT+1)", "UTC+01:00"),
        ("GMT", "UTC"),
        ("UTC-05:00", "UTC-05:00"),
        ("heure de Paris", "Europe/Paris"),
        ("heure marocaine", "Africa/Casablanca"),
        (None, None),
    ],
)
def test_timezone_of(tz, zone):
    assert timezone_of(tz) == zone


def test_named_offset_is_kept():
    match = parse_date("le 1er mars 2025 à 18h00 (GMT+1)")
    assert match is not None and match.tz == "UTC+01:00"
    assert parse_date("le 1er mars 2025 à 18h00").tz is None
