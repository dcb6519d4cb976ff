"""Working languages (ISO 639 codes) and the document's own language."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("Profil\n· Posséder une excellente maîtrise des langues arabe et française.\n", ["ar", "fr"]),
        ("X. Langue(s) de travail\nLa rencontre se déroulera en arabe.\n", ["ar"]),
        ("- Parfaite maîtrise du français, de l'Arabe et bonne maîtrise de l'anglais.\n", ["fr", "ar", "en"]),
        ("- Fluency in Arabic and English; working knowledge of French.\n", ["ar", "en", "fr"]),
        ("- إتقان اللغتين العربية والفرنسية.\n", ["ar", "fr"]),
        (
            "- Maîtrise de l'arabe et du français ; la connaissance de l'amazighe est un atout.\n",
            ["ar", "fr"],
        ),
        ("- Field teams must speak Arabic and Tamazight.\n", ["ar", "zgh"]),
        ("Programme d'Appui aux Gouvernements Ouverts Francophones\nLigue arabe\n", []),
    ],
)
def test_languages(text, languages):
    fields = extract_fields(text)
    assert fields["languages"] == languages


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le consultant devra préparer les supports de la formation et animer les ateliers pour les élus.",
            "fr",
        ),
        (
            "The consultant will prepare the training materials and facilitate the workshops for the members.",
            "en",
        ),
        ("يقوم المستشار بإعداد الدعامات التكوينية وتنشيط الورشات لفائدة المنتخبين والجمعيات.", "ar"),
        (
            "يقوم المستشار بإعداد الدعامات التكوينية وتنشيط الورشات\n"
            "Le consultant devra préparer les supports de la formation et animer les ateliers.",
            "mixed",
        ),
    ],
)
def test_document_language(text, language):
    assert extract_fields(text)["document_language"] == language
