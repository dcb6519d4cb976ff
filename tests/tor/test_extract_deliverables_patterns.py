"""Deliverables are what the provider hands over: a results framework (outcomes with indicators) is
not a list of deliverables, and a sentence delivers only when the provider is its subject."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    "text",
    [
        "3. Résultats attendus\n- Résultat 1 : Modules de formation élaborés\n- Indicateur : 5 modules validés\n"
        "- Résultat 2 : Formateurs formés\n- Indicateur : 20 formateurs certifiés\n4. Profil\n",
        "Expected results\n- Result 1: Staff trained in project cycle management\n- Indicator: 40 staff trained\n"
        "- Result 2: Procedures adopted\n- Indicator: manual approved\nProfile\n",
        "النتائج المتوقعة\n- النتيجة 1: تكوين 30 مستفيدا\n- المؤشر: عدد المستفيدين\n- النتيجة 2: إعداد دليل\n"
        "- المؤشر: دليل مصادق عليه\nالملف المطلوب\n",
    ],
)
def test_a_results_framework_is_not_a_list_of_deliverables(text):
    assert extract_fields(text)["deliverables"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Context\nThe second seminar will provide 25 finalists with networking opportunities.\n",
        "Contexte\nLe programme fournira aux jeunes un accompagnement personnalisé.\n",
    ],
)
def test_a_sentence_without_the_provider_delivers_nothing(text):
    assert extract_fields(text)["deliverables"] == []


@pytest.mark.parametrize(
    ("text", "deliverables"),
    [
        (
            "Mission\nLe consultant remettra un rapport de démarrage, un guide de formation et un rapport final.\n",
            ["rapport de démarrage", "guide de formation", "rapport final"],
        ),
        (
            "Scope\nThe consultant will submit an inception report and a final evaluation report.\n",
            ["inception report", "final evaluation report"],
        ),
        (
            "Livrables attendus\n- Rapport de diagnostic\n- Plan d'action\n",
            ["Rapport de diagnostic", "Plan d'action"],
        ),
    ],
)
def test_deliverables(text, deliverables):
    assert extract_fields(text)["deliverables"] == deliverables
