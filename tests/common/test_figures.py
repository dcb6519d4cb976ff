"""Percentages and ISO dates as the pages write them (nidaa.common.templatetags.figures)."""

import datetime as dt

from django.template import Context, Template
from django.utils import translation

from nidaa.common.templatetags.figures import iso_date, percent


def render(text: str, **context: object) -> str:
    return Template("{% load figures %}" + text).render(Context(context))


def test_a_percentage_is_one_decimal_in_the_languages_separator_and_kept_whole_right_to_left():
    with translation.override("ar"):
        assert percent(50) == '<span dir="ltr">50,0\u00a0%</span>'
    with translation.override("fr"):
        assert render("{{ v|percent }}", v=66.66) == '<span dir="ltr">66,7\u00a0%</span>'
    with translation.override("en"):
        assert render("{{ v|percent }}", v=66.66) == '<span dir="ltr">66.7\u00a0%</span>'
    assert percent(None) == "—"


def test_an_iso_date_reads_as_a_date_for_the_date_filter():
    assert iso_date("2026-11-16") == dt.date(2026, 11, 16)
    assert iso_date("not a date") is None
    with translation.override("ar"):
        assert render('{{ d|iso_date|date:"DATE_FORMAT" }}', d="2026-11-16") == "16 نوفمبر 2026"
    with translation.override("fr"):
        assert render('{{ d|iso_date|date:"DATE_FORMAT" }}', d="2026-11-16") == "16 novembre 2026"
