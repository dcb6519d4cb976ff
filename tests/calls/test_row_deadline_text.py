"""The catalogue's rows print their deadline with the language's
DATETIME_FORMAT: a page formats each day once (views.public.describe_rows,
common.dates.day_and_time_layouts) and must print exactly what the whole
format prints."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import dateformat, timezone, translation
from django.utils.formats import get_format
from django.utils.timesince import timeuntil

from nidaa.calls.models import call_zone
from nidaa.calls.search import CataloguePage, CatalogueRow
from nidaa.calls.templatetags.catalogue import time_left_from
from nidaa.calls.views.public import describe_rows


def _row(pk: int, deadline: datetime, zone: str, *, is_open: bool) -> CatalogueRow:
    return CatalogueRow(
        id=pk,
        title="T",
        call_type="consultant",
        issuer="I",
        locations=[],
        deadline=deadline,
        timezone=zone,
        organization_name=None,
        is_open=is_open,
    )


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_rows_print_the_whole_formats_text_whatever_their_day_and_zone(language):
    now = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    start = datetime(2026, 3, 28, 21, 30, tzinfo=UTC)
    # Rows on the same day and on others, across midnight and a change of
    # hour (Europe/Paris on 29 March 2026), in two zones.
    deadlines = [start + timedelta(minutes=47 * n) for n in range(20)]
    zones = ["Africa/Casablanca", "Europe/Paris"]
    rows = [_row(n, d, zones[n % 2], is_open=n % 3 != 0) for n, d in enumerate(deadlines)]
    page = CataloguePage(calls=rows, number=1, count=len(rows), capped=False)
    with translation.override(language):
        layout = str(get_format("DATETIME_FORMAT"))
        sentence = translation.gettext("Deadline: %(deadline)s")
        described = describe_rows(page, now)
        expected = {
            row.id: sentence
            % {
                "deadline": dateformat.format(
                    timezone.localtime(row.deadline, call_zone(row.timezone)), layout
                )
            }
            for row in rows
        }
    printed = [*described["open"], *described["closed"]]
    assert len(printed) == 20
    for item in printed:
        pk = int(item["href"].rstrip("/").rsplit("/", 1)[1])
        assert item["deadline_text"] == expected[pk]


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_times_left_of_a_page_are_timeuntils_text_for_every_count(language):
    # One time_left_from for a page makes each unit's text once per count: the
    # texts must stay timeuntil's, plural by plural (Arabic has six forms).
    now = datetime(2026, 3, 1, 10, 0, 30, tzinfo=UTC)
    start = datetime(2026, 3, 1, 10, 1, tzinfo=UTC)
    steps = [0, 1, 2, 3, 5, 11, 59, 60, 61, 100, 1439, 1440, 2 * 1440 + 7, 10 * 1440, 45 * 1440, 800 * 1440]
    deadlines = [start + timedelta(minutes=m, seconds=15) for m in [*steps, *steps]]
    with translation.override(language):
        left = time_left_from(now)
        sentence = translation.gettext("%(left)s left")
        assert [left(d) for d in deadlines] == [sentence % {"left": timeuntil(d, start)} for d in deadlines]
