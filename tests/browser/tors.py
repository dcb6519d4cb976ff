"""Terms of reference written for the browser tests (fictional organisations,
example.org addresses), and the real seed calls read from ../shared/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

TOR_FR = """Association Horizons de l'Oriental
Termes de référence
Recrutement d'un consultant pour l'accompagnement des conseils communaux en planification participative

1. Contexte
L'Association Horizons de l'Oriental met en œuvre le projet « Communes ouvertes » avec l'appui de la
Fondation Exemple pour la Démocratie Locale. Le projet accompagne les conseils communaux de la région
de l'Oriental dans l'ouverture de leurs travaux aux habitantes et aux habitants.

2. Objectif de la mission
Accompagner cinq conseils communaux dans l'élaboration de leur plan d'action communal.

3. Tâches
- Animer un atelier de lancement avec les élus et les cadres communaux
- Conduire un diagnostic participatif dans chaque commune
- Proposer une méthode de priorisation des projets
- Restituer les résultats lors d'une rencontre publique

4. Lieu de la mission
La mission se déroulera à Oujda.

5. Durée
12 jours de travail.

6. Livrables
- Un rapport de diagnostic participatif
- Un guide méthodologique de planification
- Le rapport final de la mission

7. Profil recherché
- Diplôme de niveau master en sciences sociales, urbanisme ou développement local
- Expérience d'au moins cinq ans dans l'accompagnement des collectivités territoriales
- Maîtrise du français et de l'arabe

8. Dossier de candidature
- CV détaillé
- Note méthodologique
- Offre financière

9. Soumission
Les dossiers doivent être envoyés par e-mail à recrutement@horizons-oriental.example.org
Date limite : 15 décembre 2026 à 23h59
"""

TOR_FR_TITLE = (
    "Recrutement d'un consultant pour l'accompagnement des conseils communaux en planification participative"
)

# A call in another region (Souss-Massa), for the region filter.
TOR_AGADIR = """Réseau Exemple des Coopératives du Souss
Termes de référence
Recrutement d'un formateur en gestion financière des coopératives féminines

1. Contexte
Le Réseau Exemple des Coopératives du Souss appuie les coopératives féminines d'argan.

2. Lieu
Les sessions de formation auront lieu à Agadir.

3. Durée
6 jours de formation.

4. Dossier de candidature
- CV détaillé
- Offre technique et financière

5. Soumission
Les candidatures sont à envoyer à formation@reseau-souss.example.org
Date limite : 30 novembre 2026 à 18h00
"""

TOR_AGADIR_TITLE = "Recrutement d'un formateur en gestion financière des coopératives féminines"

# The phrase that must come back unchanged, in logical order, from the page.
AR_PHRASE = "تنفذ جمعية الأفق للتنمية المحلية مشروع الديمقراطية التشاركية في جهة الشرق"

TOR_AR = f"""جمعية الأفق للتنمية المحلية
الإطار المرجعي
توظيف مستشار لمواكبة الجماعات الترابية في إعداد برامج عمل الجماعة

1. السياق
{AR_PHRASE}.

2. مكان المهمة
وجدة

3. المدة
عشرة أيام عمل.

4. ملف الترشيح
- السيرة الذاتية
- مذكرة منهجية
- العرض المالي

5. آخر أجل لإرسال الترشيحات
يجب إرسال الملفات إلى البريد الإلكتروني recrutement@alofoq.example.org قبل 20 دجنبر 2026 على الساعة 23:59
"""

TOR_AR_TITLE = "توظيف مستشار لمواكبة الجماعات الترابية في إعداد برامج عمل الجماعة"


def tor_corpus() -> Path:
    """../shared/tor-corpus (or NIDAA_TOR_CORPUS): other organisations' calls,
    read by the tests, never copied into the project."""
    configured = os.environ.get("NIDAA_TOR_CORPUS")
    return Path(configured) if configured else Path(__file__).resolve().parents[3] / "shared" / "tor-corpus"


def seed_bytes(name: str) -> bytes:
    path = tor_corpus() / name
    if not path.is_file():
        pytest.skip(f"{path} is absent (set NIDAA_TOR_CORPUS to the seed corpus)")
    return path.read_bytes()
