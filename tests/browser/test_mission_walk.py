"""A new issuer's walk through a mission's pages after the selection, in
French and in Arabic (right to left) on a 360 px phone and on a desktop:
the plan, participants, attendance, questionnaires, responses, action plan,
results and report. Wide tables scroll inside a box that the keyboard can
reach and that names itself; no page scrolls sideways; the charts' text is
readable; percentages and dates are written as each language writes them;
empty pages say what to do; axe-core finds no serious violation."""

from __future__ import annotations

import pytest

from nidaa.missions.models import Session
from nidaa.questionnaires.models import Kind, Questionnaire
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.factories import MissionFactory
from tests.reports.conftest import call, example, facilitator  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each page's scroll boxes, by the name a screen reader announces (fr, ar).
BOXES = {
    "plan/": [("Plan des ateliers", "برنامج الورشات")],
    "participants/": [("Participant·es", "المشاركون")],
    "attendance/": [("Par séance", "حسب الجلسة")],
    "questionnaires/": [("Questionnaires", "الاستبيانات")],
    "actions/": [("Plan d'action", "خطة العمل")],
}


def slow_machine(page):
    """The results page computes its figures on the first view: give it time on a
    loaded two-core machine (the other browser tests' 10 s is for simpler pages)."""
    page.set_default_navigation_timeout(30_000)
    return page


def boxes(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('main .scroll')].map(b => ({
            tabindex: b.getAttribute('tabindex'), role: b.getAttribute('role'),
            name: b.getAttribute('aria-label'), wide: b.scrollWidth > b.clientWidth}))"""
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_every_mission_table_scrolls_in_a_named_box_the_keyboard_reaches(page_as, example, owner, language):  # noqa: F811
    page = slow_machine(page_as(owner, mobile=True))
    mission = example["mission"]
    index = 0 if language == "fr" else 1
    for path, names in BOXES.items():
        page.goto(f"/{language}/missions/{mission.pk}/{path}")
        assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
        found = boxes(page)
        assert [(b["tabindex"], b["role"], b["name"]) for b in found] == [
            ("0", "region", name[index]) for name in names
        ], path
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, path
        violations = axe_violations(page)
        assert violations == [], f"{path}: {describe_violations(violations)}"
    # The participants' table is wider than a phone: a keyboard user scrolls it.
    page.goto(f"/{language}/missions/{mission.pk}/participants/")
    box = page.get_by_role("region", name=BOXES["participants/"][0][index])
    assert boxes(page)[0]["wide"] is True
    box.focus()
    assert page.evaluate("() => document.activeElement.getAttribute('role')") == "region"
    page.keyboard.press("ArrowLeft" if language == "ar" else "ArrowRight")
    page.wait_for_function("() => Math.abs(document.activeElement.scrollLeft) > 0")
    screenshot(page, f"mission-participants-{language}-360")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_questionnaire_pages_name_their_boxes_and_keep_percentages_whole(
    page_as,
    example,  # noqa: F811
    owner,
    language,
):
    page = slow_machine(page_as(owner, mobile=True))
    mission = example["mission"]
    pre = Questionnaire.objects.get(
        mission=mission, kind=Kind.PRE, module=example["modules"]["M1 Budget participatif"]
    )
    page.goto(f"/{language}/questionnaires/{pre.pk}/")
    assert [(b["tabindex"], b["role"], b["name"]) for b in boxes(page)] == [
        ("0", "region", name)
        for name in (
            ["Séances", "Questions", "Choix"] if language == "fr" else ["الجلسات", "الأسئلة", "الاختيارات"]
        )
    ]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.goto(f"/{language}/questionnaires/{pre.pk}/responses/")
    assert boxes(page)[0]["name"] == ("Réponses" if language == "fr" else "الإجابات")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    # The pre-test of M1: 40, 50, 60, 20 and 30 % → a mean of 40,0 %, the sign
    # right of the number on the page, in Arabic as in French.
    page.goto(f"/{language}/missions/{mission.pk}/questionnaires/")
    cell = page.locator("tr", has=page.get_by_role("link", name=pre.title)).locator("td").last
    assert cell.inner_text() == "40,0\u00a0%"
    digit_x, sign_x = cell.evaluate(
        """cell => { const text = cell.querySelector('span').firstChild; const range = document.createRange();
        const at = i => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().left; };
        return [at(0), at(text.length - 1)]; }"""
    )
    assert sign_x > digit_x
    screenshot(page, f"questionnaires-{language}-360")


@pytest.mark.parametrize(("language", "mobile"), [("fr", True), ("ar", True), ("fr", False)])
def test_the_results_charts_text_is_readable(page_as, example, owner, language, mobile):  # noqa: F811
    page = slow_machine(page_as(owner, mobile=mobile))
    page.goto(f"/{language}/missions/{example['mission'].pk}/results/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('figure.chart svg text')].map(t =>
            parseFloat(t.getAttribute('font-size')) * t.ownerSVGElement.getScreenCTM().a)"""
    )
    assert len(sizes) > 40
    assert min(sizes) >= 12
    captions = page.locator("figure.chart figcaption").all_inner_texts()
    assert captions[0] == (
        "Score moyen avant et après, par module (%)"
        if language == "fr"
        else "متوسط النقطة قبل وبعد، حسب الوحدة (%)"
    )
    # The figures beside the bars as the tables write them: a decimal comma.
    texts = page.evaluate(
        "() => [...document.querySelector('figure.chart svg').querySelectorAll('text')].map(t => t.textContent)"
    )
    assert texts[2:5] == ["M1 Budget participatif", "35,0", "58,8"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= (360 if mobile else 1280)
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    screenshot(page, f"results-charts-{language}-{'360' if mobile else '1280'}")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_report_page_speaks_plainly_and_the_attendance_dates_read_as_dates(
    page_as,
    example,  # noqa: F811
    owner,
    language,
):
    page = slow_machine(page_as(owner, mobile=True))
    mission = example["mission"]
    page.goto(f"/{language}/missions/{mission.pk}/report/")
    expected = {
        "fr": "Le rapport reprend toujours les dernières présences, réponses, le récit et le plan d'action. "
        "Après une correction, téléchargez-le à nouveau pour avoir le rapport corrigé.",
        "ar": "يعرض التقرير دائما آخر معطيات الحضور والإجابات والسرد وخطة العمل. "
        "بعد أي تصحيح، حمّله من جديد للحصول على التقرير المصحَّح.",
    }[language]
    assert page.locator("main p").first.inner_text() == expected
    page.goto(f"/{language}/missions/{mission.pk}/attendance/")
    first = Session.objects.filter(mission=mission).order_by("date").first()
    assert first is not None
    assert page.get_by_role("region").locator("tbody tr td a").first.inner_text() == "02/03/2026"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_empty_mission_says_what_to_do_next(page_as, call, owner, language):  # noqa: F811
    mission = MissionFactory(call=call, title="Mission vide")
    page = slow_machine(page_as(owner, mobile=True))
    texts = {
        "participants/": {
            "fr": "Aucun participant pour l'instant : importez votre liste ci-dessous (.xlsx ou .csv), "
            "ou ajoutez les personnes à l'entrée d'une séance.",
            "ar": "لا يوجد أي مشارك بعد: استورد لائحتك أدناه (\u200e.xlsx أو \u200e.csv)، أو أضف الأشخاص عند باب الجلسة.",
        },
        "plan/": {
            "fr": "Aucune séance planifiée pour l'instant : planifiez-les à partir de l'appel, ajoutez-en une, "
            "ou importez un programme ci-dessous.",
            "ar": "لا توجد أي جلسة مبرمجة بعد: برمجها انطلاقا من الطلب، أو أضف جلسة، أو استورد برنامجا أدناه.",
        },
        "questionnaires/": {
            "fr": "Aucun questionnaire pour l'instant : importez un XLSForm de KoboToolbox ou d'ODK, "
            "ou créez-en un ci-dessous.",
            "ar": "لا يوجد أي استبيان بعد: استورد ملف XLSForm من KoboToolbox أو ODK، أو أنشئ استبيانا أدناه.",
        },
    }
    for path, text in texts.items():
        page.goto(f"/{language}/missions/{mission.pk}/{path}")
        assert page.get_by_text(text[language], exact=True).count() == 1, path
        violations = axe_violations(page)
        assert violations == [], f"{path}: {describe_violations(violations)}"
    screenshot(page, f"mission-empty-{language}-360")
