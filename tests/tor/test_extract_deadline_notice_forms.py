"""Issue 16: deadlines as Moroccan and Middle-Eastern notices write them ("فاتح" for the first,
times in words, "الموعد النهائي"), and a deadline without a year left without a date."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("آخر أجل لإيداع الترشيحات هو فاتح يوليوز 2026 على الساعة الرابعة والنصف زوالا", "2026-07-01T16:30"),
        ("آخر أجل لإرسال الترشيحات: فاتح دجنبر 2026", "2026-12-01"),
        ("الموعد النهائي لتلقي الطلبات 10 أغسطس 2026", "2026-08-10"),
        ("آخر أجل لتلقي الطلبات 3 حزيران 2026", "2026-06-03"),
        ("Date limite : premier juin 2026 à 12h", "2026-06-01T12:00"),
    ],
)
def test_deadline_as_notices_write_it(text, deadline):
    assert extract_fields(text)["deadline"] == deadline


@pytest.mark.parametrize("text", ["آخر أجل: 12 شتنبر على الساعة 12:00", "Date limite : le 15 mars à 18h"])
def test_deadline_without_a_year_is_not_guessed(text):
    fields = extract_fields(text)
    assert (fields["deadline"], fields["deadline_text"]) == (None, None)
