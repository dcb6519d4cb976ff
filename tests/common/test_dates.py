"""Dates as each language writes them (issue 12): day, month, year and a
24-hour clock everywhere; the Arabic comma between date and time in Arabic."""

from datetime import UTC, datetime

import pytest
from django.template import Context, Template
from django.utils import translation

from nidaa.calls.models import CallStatus
from nidaa.common.dates import day_and_time_layouts
from tests.factories import CallFactory

# 15 January 2025 at 23:59 in Casablanca (UTC+1 then).
AT = datetime(2025, 1, 15, 22, 59, 7, tzinfo=UTC)
TEMPLATE = Template(
    '{% load dates %}{{ at|date:"DATETIME_FORMAT" }} | {{ at|with_seconds }} | {{ at|date:"DATE_FORMAT" }}'
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "15 janvier 2025, 23:59 | 15 janvier 2025, 23:59:07 | 15 janvier 2025"),
        ("en", "15 January 2025, 23:59 | 15 January 2025, 23:59:07 | 15 January 2025"),
        ("ar", "15 يناير 2025، 23:59 | 15 يناير 2025، 23:59:07 | 15 يناير 2025"),
    ],
)
def test_dates_read_day_month_year_with_a_24_hour_clock(language, expected):
    with translation.override(language):
        assert TEMPLATE.render(Context({"at": AT})) == expected


@pytest.mark.django_db
def test_the_catalogue_writes_an_arabic_deadline_with_the_arabic_comma(client):
    CallFactory(
        status=CallStatus.PUBLISHED, title="Appel test", deadline=datetime(2099, 1, 15, 22, 59, tzinfo=UTC)
    )
    page = client.get("/ar/", {"state": ""}).content.decode()
    assert "15 يناير 2099، 23:59" in page
    assert "15 يناير 2099, 23:59" not in page


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("j F Y, H:i", ("j F Y, ", "H:i")),
        ("j F Y\u060c H:i", ("j F Y\u060c ", "H:i")),
        ("d/m/Y H:i", ("d/m/Y ", "H:i")),
        ("N j, Y, P", ("N j, Y, ", "P")),
        ("Y-m-d", ("Y-m-d", "")),
        # A time before the day, a zone, an escape, a full ISO stamp: formatted whole.
        ("H:i j F", None),
        ("j F Y, H:i T", None),
        ("\\a j F", None),
        ("c", None),
    ],
)
def test_a_layout_splits_into_its_day_and_its_time_of_day_only_when_it_reads_so(layout, expected):
    assert day_and_time_layouts(layout) == expected
