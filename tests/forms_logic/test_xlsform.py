"""Reading XLSForms as Kobo users write them: language columns, groups,
metadata rows, the settings sheet."""

import pytest

from nidaa.forms_logic.xlsform import FormRefused, language_of, read_xlsform
from tests.questionnaires.kobo import CHOICES, survey_row, xlsform


@pytest.mark.parametrize(
    ("column", "language"),
    [
        ("label", ""),
        ("label::French (fr)", "fr"),
        ("label::Arabic (ar)", "ar"),
        ("label::English (en)", "en"),
        ("label::Français", "fr"),
        ("label::العربية", "ar"),
        ("label::Tamazight", None),
    ],
)
def test_language_columns(column, language):
    assert language_of(column) == language


def test_a_plain_label_column_is_read():
    header = ["type", "name", "label", "required"]
    data = xlsform(survey=[["text", "nom", "Votre nom", "yes"]], choices=[CHOICES[0]], header=header)
    form = read_xlsform(data).form
    assert (form.languages, form.questions[0].label, form.questions[0].required) == (
        [""],
        {"": "Votre nom"},
        "yes",
    )


def test_nested_groups_become_a_path():
    survey = [
        survey_row("begin_group", "a", "A", "أ"),
        survey_row("begin_group", "b", "B", "ب", relevant="1 = 1"),
        survey_row("text", "x", "X", "س"),
        survey_row("end_group", ""),
        survey_row("text", "y", "Y", "ص"),
        survey_row("end_group", ""),
    ]
    form = read_xlsform(xlsform(survey=survey)).form
    assert [(q.name, q.group, q.group_relevant) for q in form.questions] == [
        ("x", "a/b", ("1 = 1",)),
        ("y", "a", ()),
    ]


def test_a_file_that_is_not_an_xlsform_is_refused():
    with pytest.raises(FormRefused) as refused:
        read_xlsform(b"PK\x03\x04 not really a zip")
    assert [p.code for p in refused.value.problems] == ["pyxform"]
