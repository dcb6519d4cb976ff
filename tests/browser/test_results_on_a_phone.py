"""Issue 15's results page read in Arabic on a 360 px phone: the worked
example of tests/reports (two zones, two modules, six participants) as the
issuer sees it; the page is right to left, its wide tables scroll inside
their own box rather than the page sideways, the figures are those counted
by hand, the charts are labelled images that fit the screen, and axe-core
finds no serious violation."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.reports.conftest import call, example, facilitator  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_issuer_reads_the_results_in_arabic_on_a_phone(page_as, example, owner):  # noqa: F811
    page = page_as(owner, mobile=True)
    page.goto(f"/ar/missions/{example['mission'].pk}/results/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_role("heading", level=1).inner_text() == "نتائج الاستمارات"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    # The whole mission's row, as counted by hand (tests/tabulation/test_worked_example.py).
    row = page.locator("tr", has=page.get_by_role("rowheader", name="كل المشاركين", exact=True)).first
    assert row.locator("td").all_inner_texts() == ["6", "1", "1", "35,8", "58,3", "22,5", "66,7", "70,0"]
    # Each chart is a labelled image no wider than the screen.
    charts = page.locator("figure.chart svg[role=img]")
    assert charts.count() == 7
    widths = page.evaluate(
        "() => [...document.querySelectorAll('figure.chart svg')].map(s => s.getBoundingClientRect().right)"
    )
    assert max(widths) <= 360
    titles = page.evaluate(
        "() => [...document.querySelectorAll('figure.chart svg > title')].map(t => t.textContent)"
    )
    assert titles == [
        "متوسط النقطة قبل وبعد، حسب الوحدة (%)",
        "متوسط النقطة قبل وبعد، حسب المنطقة (%)",
        "متوسط النقطة قبل وبعد، حسب الجنس (%)",
        "الرضا حسب الوحدة (%)",
        *["الرضا العام"] * 3,  # the rating question of each of the three final questionnaires
    ]
    screenshot(page, "results-ar-360")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
