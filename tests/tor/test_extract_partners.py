"""Partners and funders: whole organisation names, never a clause."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields


@pytest.mark.parametrize(
    ("text", "partners"),
    [
        # "et" inside a name ("pour le Développement et la Coopération") does not split it,
        # and the clause after the comma ("l'ATJDL lance ...") is not a partner
        (
            "Financé par l'Agence Suisse pour le Développement et la Coopération (DDC) et mis en œuvre en "
            "partenariat avec le Conseil régional de Souss-Massa, l'ATJDL lance le présent appel.\n",
            [
                "Agence Suisse pour le Développement et la Coopération (DDC)",
                "Conseil régional de Souss-Massa",
            ],
        ),
        (
            "This programme is co-funded by the Swiss Agency for Development and Cooperation (SDC) and the "
            "Mastercard Foundation.\n",
            ["Swiss Agency for Development and Cooperation (SDC)", "Mastercard Foundation"],
        ),
        (
            "Le projet, financé par l'Union européenne et la Fondation Drosos, vise les jeunes.\n",
            ["Union européenne", "Fondation Drosos"],
        ),
        (
            "The project is funded by the Ministry of Health and Social Protection and the World Bank.\n",
            ["Ministry of Health and Social Protection", "World Bank"],
        ),
        (
            "Avec le soutien du Ministère de la Jeunesse et de la Culture, l'association organise une formation.\n",
            ["Ministère de la Jeunesse et de la Culture"],
        ),
        (
            "With funding from the Example Trust, Green Atlas invites proposals from qualified firms.\n",
            ["Example Trust"],
        ),
    ],
)
def test_partners(text, partners):
    assert extract_fields(text)["partners_funders"] == partners
