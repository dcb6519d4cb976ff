"""Participants are the beneficiaries of the activity (trainees, workshop
participants, bénéficiaires, target groups), not the informants of a study
nor the people the call recruits."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "participants"),
    [
        # focus-group members are informants; the trained officers are the beneficiaries
        (
            "2. Scope of work\n- Review the budgets of five communes;\n- Run focus groups with 30 women councillors;\n"
            "- Train 25 finance officers on gender budgeting.\n",
            25,
        ),
        ("Scope of work\n- Run focus groups with 30 women councillors;\n- Draft a practical guide.\n", None),
        ("Méthodologie\nDes entretiens avec 40 élus et une enquête auprès de 300 jeunes.\n", None),
        ("We are looking for two trainers to deliver a bootcamp for 40 unemployed young graduates.\n", 40),
        ("Public : 45 éducatrices et éducateurs du préscolaire\nDurée : 6 jours\n", 45),
        ("الفئة المستهدفة\n٣٢ مستفيدا ومستفيدة (١٢ عضوا من المجلس و٢٠ موظفا).\n", 32),
        ("Groupe cible\n36 membres des bureaux des coopératives (trois par coopérative).\n", 36),
    ],
)
def test_participants(text, participants):
    assert extract_fields(text)["participants"] == participants
