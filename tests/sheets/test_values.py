from datetime import date, time

import pytest

from nidaa.sheets import values
from nidaa.sheets.text import name_key


@pytest.mark.parametrize("written", ["F", "f", "Femme", "FÉMININ", "female", "أنثى", "انثى"])
def test_female_as_written(written):
    assert values.sex(written) == "female"


@pytest.mark.parametrize("written", ["H", "M", "Homme", "masculin", "male", "ذكر"])
def test_male_as_written(written):
    assert values.sex(written) == "male"


def test_unknown_sex_is_an_error_and_blank_is_not_given():
    with pytest.raises(ValueError):
        values.sex("X?")
    assert values.sex(None) is None


@pytest.mark.parametrize("written", [1, "1", "oui", "OUI", "yes", "نعم", "x", "X", "✓", True])
def test_present_as_written(written):
    assert values.presence(written) is True


@pytest.mark.parametrize("written", [0, "0", "non", "No", "لا", None, "", "absent"])
def test_absent_as_written(written):
    assert values.presence(written) is False


def test_presence_refuses_what_it_cannot_read():
    with pytest.raises(ValueError):
        values.presence("peut-être")


@pytest.mark.parametrize(
    "written",
    ["06 61 23 45 67", "+212 661-234567", "0661234567", "00212661234567", 661234567, "06.61.23.45.67"],
)
def test_moroccan_phone_in_any_format_is_one_number(written):
    assert values.phone(written) == "+212661234567"


def test_a_french_number_keeps_its_country():
    assert values.phone("+33 6 12 34 56 78") == "+33612345678"


@pytest.mark.parametrize("written", ["12", "not a phone", "0661"])
def test_invalid_phone_is_an_error(written):
    with pytest.raises(ValueError):
        values.phone(written)


def test_names_compare_without_accents_case_or_word_order():
    assert name_key("Amina EL IDRISSI") == name_key("el idrissi  amina") == name_key("Âmina El Idrissi")


def test_arabic_names_compare_without_letter_variants_or_harakat():
    assert name_key("أمينة الإدريسي") == name_key("امينه الادريسي") == name_key("الإدريسي أَمينة")


def test_dates_and_times_as_written():
    assert values.day("14/03/2025") == date(2025, 3, 14)
    assert values.day("2025-03-14") == date(2025, 3, 14)
    assert values.clock("9h") == time(9, 0)
    assert values.clock("14h30") == time(14, 30)
    assert values.clock(0.375) == time(9, 0)
