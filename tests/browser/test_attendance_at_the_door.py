"""Issue 14's proof "attendance ticked in Arabic on a 360 px phone": the
facilitator opens the session in Arabic on a phone, the page is right to left
and does not scroll sideways, ticks two participants, adds a walk-in, saves,
and the attendance recorded is exactly that; axe-core finds no serious
violation."""

from __future__ import annotations

import pytest

from nidaa.missions.models import Attendance, Participant
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.factories import (
    CallFactory,
    MembershipFactory,
    MissionFactory,
    OrganizationFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
    ZoneFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_facilitator_ticks_attendance_in_arabic_on_a_phone(page_as):
    org = OrganizationFactory(slug="door-org")
    MembershipFactory(organization=org)
    facilitator = UserFactory(username="door-trainer", preferred_language="ar")
    mission = MissionFactory(call=CallFactory(organization=org), facilitator=facilitator)
    session = SessionFactory(
        mission=mission, zone=ZoneFactory(mission=mission, name="فاس"), venue="قاعة الأطلس"
    )
    amina = ParticipantFactory(
        mission=mission, zone=session.zone, name_latin="", name_arabic="أمينة الإدريسي"
    )
    youssef = ParticipantFactory(
        mission=mission, zone=session.zone, name_latin="Youssef Benali", name_arabic="يوسف بنعلي"
    )
    absent = ParticipantFactory(
        mission=mission, zone=session.zone, name_latin="", name_arabic="خديجة الوزاني"
    )

    page = page_as(facilitator, mobile=True)
    page.goto(f"/ar/missions/sessions/{session.pk}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Nothing wider than the phone: no sideways scrolling at the door.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    page.get_by_label("أمينة الإدريسي").check()
    page.get_by_label("يوسف بنعلي").check()
    page.get_by_role("button", name="حفظ الحضور").click()
    page.wait_for_url(f"**/ar/missions/sessions/{session.pk}/")
    assert page.get_by_text("حُفظ الحضور.").is_visible()

    page.locator("#id_name").fill("رشيد الفاسي")
    page.get_by_role("button", name="إضافة وتسجيل الحضور").click()
    page.wait_for_url(f"**/ar/missions/sessions/{session.pk}/")
    assert page.get_by_text("3 حاضرين من أصل 4").is_visible()
    screenshot(page, "missions-door-ar-360")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)

    walk_in = Participant.objects.get(mission=mission, walk_in=True)
    assert walk_in.name_arabic == "رشيد الفاسي"
    assert dict(Attendance.objects.filter(session=session).values_list("participant_id", "present")) == {
        amina.pk: True,
        youssef.pk: True,
        walk_in.pk: True,
    }
    assert absent.pk not in set(
        Attendance.objects.filter(session=session, present=True).values_list("participant_id", flat=True)
    )


def test_facilitator_ticks_the_afternoon_in_arabic_on_a_phone(page_as):
    org = OrganizationFactory(slug="door-org-pm")
    facilitator = UserFactory(username="door-trainer-pm", preferred_language="ar")
    mission = MissionFactory(call=CallFactory(organization=org), facilitator=facilitator)
    session = SessionFactory(mission=mission, zone=ZoneFactory(mission=mission, name="تازة"))
    amina = ParticipantFactory(
        mission=mission, zone=session.zone, name_latin="", name_arabic="أمينة الإدريسي"
    )
    Attendance.objects.create(
        session=session, participant=amina, present=True, morning=True, afternoon=False, sex=amina.sex
    )
    late = ParticipantFactory(mission=mission, zone=session.zone, name_latin="", name_arabic="سلمى التازي")

    page = page_as(facilitator, mobile=True)
    page.goto(f"/ar/missions/sessions/{session.pk}/")
    page.get_by_role("link", name="بعد الزوال").click()
    page.wait_for_url(f"**/ar/missions/sessions/{session.pk}/?half=pm")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.get_by_label("أمينة الإدريسي").is_checked() is False
    page.get_by_label("سلمى التازي").check()
    page.get_by_role("button", name="حفظ حضور ما بعد الزوال").click()
    page.wait_for_url(f"**/ar/missions/sessions/{session.pk}/?half=pm")
    assert page.get_by_text("الصباح 1، بعد الزوال 1").is_visible()
    screenshot(page, "missions-door-afternoon-ar-360")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert {
        pid: (am, pm)
        for pid, am, pm in Attendance.objects.filter(session=session).values_list(
            "participant_id", "morning", "afternoon"
        )
    } == {amina.pk: (True, False), late.pk: (False, True)}
