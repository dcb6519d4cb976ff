"""The date to submit, as calls in French, English and Arabic write it: Maghrebi, Levantine and
Egyptian month names, "فاتح", times in words, a verb of sending before "avant"/"قبل"; not the
publication, opening, exam or start date, nor the date a product of the mission is due; no year,
no date."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("آخر أجل لإيداع الترشيحات هو 15 شتنبر 2025.\n", "2025-09-15"),
        ("آخر أجل لتلقي الطلبات: فاتح يوليوز 2025 على الساعة الرابعة والنصف زوالا\n", "2025-07-01T16:30"),
        ("آخر موعد للتقديم: 10 كانون الثاني 2026 الساعة الثانية عشرة ظهرا\n", "2026-01-10T12:00"),
        ("آخر موعد لتقديم الطلبات 5 أغسطس 2025\n", "2025-08-05"),
        ("آخر أجل لإيداع الترشيحات: 25 تشرين الأول 2025\n", "2025-10-25"),
        ("ترسل الترشيحات قبل 30 حزيران 2025\n", "2025-06-30"),
        ("يجب إيداع الملفات قبل يوم 3 يونيو 2025 على الساعة الخامسة مساء\n", "2025-06-03T17:00"),
        (
            "آخر أجل لإيداع الترشيحات: يوم الجمعة فاتح غشت 2025 على الساعة الثانية عشرة زوالا\n",
            "2025-08-01T12:00",
        ),
        ("Les dossiers sont reçus jusqu'au 18 septembre 2025 inclus.\n", "2025-09-18"),
        ("Application deadline: 15-Aug-2025\n", "2025-08-15"),
        ("Closing date: 31/07/2025 at midnight (Beirut time)\n", "2025-07-31T23:59"),
    ],
)
def test_the_date_to_submit(text, deadline):
    assert extract_fields(text)["deadline"] == deadline


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("تاريخ النشر: 2 ماي 2025\nآخر أجل لإيداع الملفات: 20 ماي 2025\n", "2025-05-20"),
        ("ستجرى المباراة يوم 28 دجنبر 2025. آخر أجل لإيداع الترشيحات هو 12 دجنبر 2025.\n", "2025-12-12"),
        (
            "Date de publication : 3 mars 2025\nDate limite de dépôt des candidatures : 20 mars 2025 à 17h\n",
            "2025-03-20T17:00",
        ),
        (
            "Les offres seront ouvertes le 25 mars 2025 à 10h.\n"
            "Les offres doivent parvenir au plus tard le 24 mars 2025 à 12h.\n",
            "2025-03-24T12:00",
        ),
        ("La mission débutera le 1er avril 2025.\nDate limite : 15 mars 2025\n", "2025-03-15"),
        (
            "Applications must be submitted by 5 pm on 14 February 2025.\nStart date: 1 March 2025\n",
            "2025-02-14T17:00",
        ),
        ("Date d'ouverture des candidatures : 1 mars 2025\nDate de clôture : 31 mars 2025\n", "2025-03-31"),
    ],
)
def test_not_the_publication_opening_exam_or_start_date(text, deadline):
    assert extract_fields(text)["deadline"] == deadline


@pytest.mark.parametrize(
    "text",
    [
        "The consultant supports the drafting of the final document, which must be submitted to the "
        "ministry no later than 15 December 2025.\n",
        "Le rapport final devra être remis au plus tard le 30 novembre 2025.\n",
        "يجب تسليم التقرير النهائي في أجل أقصاه 30 نونبر 2025.\n",
    ],
)
def test_the_date_a_product_is_due_is_not_the_deadline(text):
    assert extract_fields(text)["deadline"] is None


def test_a_product_date_gives_way_to_the_application_date():
    text = (
        "Le rapport final sera remis au plus tard le 30 novembre 2025.\n"
        "Les candidatures sont à envoyer avant le 15 octobre 2025.\n"
    )
    assert extract_fields(text)["deadline"] == "2025-10-15"


@pytest.mark.parametrize(
    "text",
    [
        "Deadline for applications: Friday, 10 October\n",
        "Date limite : le 30 juin à minuit\n",
        "آخر أجل: 15 نونبر\n",
    ],
)
def test_no_year_no_date(text):
    assert extract_fields(text)["deadline"] is None


def test_the_deadline_keeps_its_phrase_and_a_confidence():
    text = "ترسل الترشيحات قبل 30 حزيران 2025\n"
    fields = extract_fields(text)
    span = fields["evidence"]["deadline"][0]
    assert text[span["start"] : span["end"]] == "ترسل الترشيحات قبل 30 حزيران 2025"
    assert fields["confidence"]["deadline"] == 0.7  # a cue phrase, no deadline section, no time
