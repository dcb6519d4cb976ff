"""The layout changes that make perturbed copies of the real calls for the title ranker keep the
title and change only the layout; the same copies on every run (invented text)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import title_perturb  # noqa: E402

TEXT = (
    "Association Atlas Verte\n\nAvis de recrutement\n\n"
    "Recrutement d'un consultant pour l'évaluation finale du projet\n\n"
    "Lieu : Rabat\nDurée : 30 jours\n\n1. Contexte\nLe projet est mis en oeuvre depuis 2024.\n"
)
TITLE = "Recrutement d'un consultant pour l'évaluation finale du projet"
SPAN = (TEXT.index(TITLE), TEXT.index(TITLE) + len(TITLE))


def _apply(name: str) -> str | None:
    return title_perturb.PERTURBATIONS[name](TEXT, SPAN, random.Random(f"0:{name}"))


def test_blank_lines_removed_and_doubled():
    assert "\n\n" not in (_apply("blank_removed") or "")
    assert (_apply("blank_doubled") or "").count("\n\n") == TEXT.replace("\n\n", "\n").count("\n")


def test_title_in_capitals_and_cut_at_a_link_word():
    assert TITLE.upper() in (_apply("title_upper") or "")
    split = _apply("title_split") or ""
    assert TITLE not in split
    assert " ".join(split.split()) == " ".join(TEXT.split())  # only a line break was added


def test_label_rows_cut_on_two_lines_and_letterhead_moved_below():
    labels = _apply("labels_moved") or ""
    assert "Lieu :\nRabat" in labels and "Durée :\n30 jours" in labels
    moved = _apply("letterhead_moved") or ""
    assert moved.startswith(TITLE)
    assert moved.endswith("Association Atlas Verte\nAvis de recrutement\n")


def test_site_furniture_goes_above_in_the_call_s_language():
    copy = _apply("site_furniture") or ""
    assert copy.endswith(TEXT)
    assert "Accueil" in copy[: -len(TEXT)]
    assert title_perturb.language("تعلن جمعية الأمل عن فتح باب الترشيح") == "ar"
    assert title_perturb.language("Terms of reference for the evaluation of the project") == "en"


def test_copies_are_the_same_on_every_run():
    first = title_perturb.perturbed(TEXT, SPAN, call=7)
    assert first == title_perturb.perturbed(TEXT, SPAN, call=7)
    # a text of one page gets no page headers and footers
    assert [name for name, _ in first] == [n for n in title_perturb.PERTURBATIONS if n != "page_furniture"]
