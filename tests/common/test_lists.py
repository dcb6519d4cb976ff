from django.utils import translation

from nidaa.common.lists import joined


def test_a_list_is_joined_with_a_comma_in_french_and_english():
    for language in ("fr", "en"):
        with translation.override(language):
            assert joined(["R1", "R2", "R3"]) == "R1, R2, R3"


def test_a_list_is_joined_with_the_arabic_comma_in_arabic():
    with translation.override("ar"):
        assert joined(["R1", "R2", "R3"]) == "R1، R2، R3"


def test_no_values_make_an_empty_text():
    assert joined([]) == ""
