"""Issue 12: "(Africa/Casablanca)" is said as "Morocco time" in each language."""

import pytest
from django.utils import translation

from nidaa.common.zones import zone_label


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "heure du Maroc"), ("ar", "بتوقيت المغرب"), ("en", "Morocco time")]
)
def test_moroccos_zone_is_said_as_morocco_time(language, expected):
    with translation.override(language):
        assert zone_label("Africa/Casablanca") == expected


def test_another_zone_keeps_its_unambiguous_name():
    with translation.override("fr"):
        assert zone_label("Europe/Paris") == "Europe/Paris"
