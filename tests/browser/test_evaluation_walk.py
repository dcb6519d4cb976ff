"""An evaluator's sheet on a 360 px phone, in French and in Arabic: the page
never scrolls sideways (the sheet's table scrolls inside a named box the
keyboard reaches), and axe-core finds no serious violation; the chair's
interview scheduling names the time zone in the reader's language."""

from __future__ import annotations

import pytest

from nidaa.evaluation.sheets import declare_conflict
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.evaluation.conftest import applications, call, committee, graded  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "name"), [("fr", "Votre fiche"), ("ar", "ورقتك")])
def test_an_evaluators_sheet_fits_a_phone(page_as, call, committee, applications, graded, language, name):  # noqa: F811
    application = applications["R1"]
    evaluator = committee["a"]
    declare_conflict(application=application, evaluator=evaluator, conflict=False)
    page = page_as(evaluator, mobile=True)
    page.goto(f"/{language}/evaluation/applications/{application.pk}/")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    box = page.get_by_role("region", name=name)
    assert box.get_attribute("tabindex") == "0"
    assert box.locator("table.score-sheet").count() == 1
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    screenshot(page, f"evaluation-sheet-{language}-360")
