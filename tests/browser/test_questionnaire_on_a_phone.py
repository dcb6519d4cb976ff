"""Issue 15's proof "a questionnaire answered in Arabic on a 360 px phone":
a participant opens the session's link (no account) in Arabic, the page is
right to left and does not scroll sideways, a first send without the
required answers shows the errors, the second is recorded with its score;
axe-core finds no serious violation on either page."""

from __future__ import annotations

import pytest

from nidaa.questionnaires.models import Answer, Response
from nidaa.questionnaires.services import import_xlsform, open_questionnaire
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.factories import (
    CallFactory,
    MissionFactory,
    ModuleFactory,
    OrganizationFactory,
    ParticipantFactory,
    SessionFactory,
    ZoneFactory,
)
from tests.questionnaires.kobo import xlsform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def serious(violations):
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


def test_a_participant_answers_in_arabic_on_a_phone(mobile_page):
    org = OrganizationFactory(slug="quest-org")
    mission = MissionFactory(call=CallFactory(organization=org))
    module = ModuleFactory(mission=mission, code="M1", title="الميزانية التشاركية")
    zone = ZoneFactory(mission=mission, name="فاس")
    session = SessionFactory(mission=mission, module=module, zone=zone)
    amina = ParticipantFactory(mission=mission, zone=zone, name_latin="", name_arabic="أمينة الإدريسي")
    ParticipantFactory(mission=mission, zone=zone, name_latin="", name_arabic="يوسف بنعلي")
    questionnaire = import_xlsform(
        mission=mission, data=xlsform(), filename="pre.xlsx", kind="pre", module=module, actor=None
    )
    opening = open_questionnaire(session=session, questionnaire=questionnaire, actor=None)

    page = mobile_page
    page.goto(f"/ar/q/{opening.token}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.evaluate("() => document.scripts.length") == 0
    page.locator("#participant").select_option(label="أمينة الإدريسي")
    page.get_by_label("نعم").check()
    page.get_by_role("button", name="أرسل أجوبتي").click()
    # q2, age and the satisfaction are required: the page comes back with the errors, the answers kept.
    assert page.get_by_text("هذا السؤال إلزامي.").count() == 3
    assert page.get_by_label("نعم").is_checked()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    violations = serious(axe_violations(page))
    assert violations == [], describe_violations(violations)

    page.get_by_label("المنتخبون").check()
    page.get_by_label("المجتمع المدني").check()
    page.locator("#q_age").fill("34")
    page.get_by_label("راض جدا").check()
    page.get_by_role("button", name="أرسل أجوبتي").click()
    assert page.get_by_text("شكرا: وصلتنا أجوبتك.").is_visible()
    screenshot(page, "questionnaire-ar-360")
    violations = serious(axe_violations(page))
    assert violations == [], describe_violations(violations)

    response = Response.objects.get()
    assert (response.participant_id, response.session_id, response.score) == (amina.pk, session.pk, 100.0)
    assert dict(Answer.objects.values_list("question__name", "value")) == {
        "q1": "oui",
        "q2": "elus societe",
        "age": "34",
        "satisf": "4",
        "nb_acteurs": "2",
    }
