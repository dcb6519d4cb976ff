"""End to end through the real ToR reader and extractor (no stand-in)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from nidaa.calls.services import import_tor
from nidaa.demo.management.commands.load_demo import fill_deadline
from nidaa.tor.extract import extract_fields
from tests.calls.conftest import TORS

# Until the extractor lands, extract_fields is a placeholder that reads nothing.
pytestmark = pytest.mark.skipif(
    extract_fields("Date limite : 15 décembre 2026 à 23h59").get("deadline") is None,
    reason="the ToR extractor has not landed yet",
)
DEADLINE = datetime(2026, 12, 15, 23, 59, tzinfo=ZoneInfo("Africa/Casablanca"))


@pytest.mark.parametrize("name", ["atelier-gouvernance.txt", "expert-eau.txt"])
def test_french_and_arabic_tors_give_a_title_and_the_deadline(org, member, name):
    text = fill_deadline((TORS / name).read_text(encoding="utf-8"), date(2026, 12, 15))
    call = import_tor(organization=org, data=text.encode(), filename=name, actor=member)
    assert call.title
    assert call.title != name.removesuffix(".txt")
    assert call.deadline == DEADLINE
    assert call.deadline_has_time is True


def test_review_page_marks_the_real_extractors_evidence(member_client, org, member):
    text = fill_deadline((TORS / "atelier-gouvernance.txt").read_text(encoding="utf-8"), date(2026, 12, 15))
    call = import_tor(organization=org, data=text.encode(), filename="tdr.txt", actor=member)
    content = member_client.get(f"/fr/calls/{call.pk}/review/").content.decode()
    assert '<mark id="ev-title-0" data-field="title">' in content
