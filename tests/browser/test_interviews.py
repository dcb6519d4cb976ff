"""A staff post's interview stage in Debian's Chromium, in French and in
Arabic: the chair shortlists the technically qualified applicants (closing
the file evaluation), then an evaluator scores one shortlisted applicant's
interview sheet. On tests/evaluation/test_interviews.py's example: R1 (82)
and R2 (79) are qualified, R3 is under the pass mark and R4 eliminated."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nidaa.evaluation.models import Evaluation, Interview, InterviewScore, Stage
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.evaluation.conftest import applications, call, committee, people  # noqa: F401 (fixtures)
from tests.evaluation.test_interviews import staff  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXTS = {
    "fr": {
        "dir": "ltr",
        "shortlist": "Enregistrer la liste restreinte",
        "shortlisted": "La liste restreinte est enregistrée.",
        "to_score": "À noter",
        "submit": "Soumettre ma fiche d'entretien",
        "submitted": "Votre fiche d'entretien est soumise.",
        "comment": "Motivation claire pour le poste",
    },
    "ar": {
        "dir": "rtl",
        "shortlist": "تسجيل القائمة المختصرة",
        "shortlisted": "سُجِّلت القائمة المختصرة.",
        "to_score": "في انتظار التنقيط",
        "submit": "تقديم بطاقة المقابلة",
        "submitted": "قُدِّمت بطاقة المقابلة الخاصة بك.",
        "comment": "حافز واضح للمنصب",
    },
}


def no_serious_violation(page):
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_chair_shortlists_and_an_evaluator_scores_an_interview(
    page_as,
    call,  # noqa: F811
    applications,  # noqa: F811
    people,  # noqa: F811
    staff,  # noqa: F811
    lang,
):
    texts = TEXTS[lang]
    r1, r2 = applications["R1"], applications["R2"]

    chair = page_as(people["chair"])
    response = chair.goto(f"/{lang}/evaluation/calls/{call.pk}/interviews/")
    assert response is not None and response.status == 200
    assert chair.locator("html").get_attribute("dir") == texts["dir"]
    # Only the technically qualified can be shortlisted, each ticked to begin with.
    assert chair.locator("input[name=receipt]").evaluate_all(
        "boxes => boxes.map(b => [b.value, b.checked])"
    ) == [
        ["R1", True],
        ["R2", True],
    ]
    no_serious_violation(chair)
    screenshot(chair, f"interviews-shortlist-{lang}")
    with chair.expect_navigation():
        chair.get_by_role("button", name=texts["shortlist"]).click()
    assert chair.get_by_text(texts["shortlisted"]).count() == 1
    assert sorted(
        Interview.objects.filter(application__call=call).values_list("application__receipt_number", flat=True)
    ) == [
        "R1",
        "R2",
    ]
    assert Evaluation.objects.get(call=call).stage == Stage.INTERVIEW

    evaluator = page_as(people["assigned"])
    evaluator.goto(f"/{lang}/evaluation/calls/{call.pk}/interviews/")
    assert evaluator.locator(f"#interview-{r2.pk}").get_by_role("link", name=texts["to_score"]).count() == 1
    with evaluator.expect_navigation():
        evaluator.locator(f"#interview-{r1.pk}").get_by_role("link", name=texts["to_score"]).click()
    assert evaluator.url.endswith(f"/{lang}/evaluation/applications/{r1.pk}/interview/")
    assert evaluator.locator("html").get_attribute("dir") == texts["dir"]
    evaluator.locator("#p-I1").fill("40")
    evaluator.locator("#c-I1").fill(texts["comment"])
    evaluator.locator("#p-I2").fill("30")
    no_serious_violation(evaluator)
    screenshot(evaluator, f"interview-sheet-{lang}")
    with evaluator.expect_navigation():
        evaluator.get_by_role("button", name=texts["submit"]).click()

    assert evaluator.get_by_text(texts["submitted"]).count() == 1
    assert evaluator.locator(f"#interview-{r1.pk}").get_by_role("link").count() == 0
    assert sorted(
        InterviewScore.objects.filter(evaluator=people["assigned"], application=r1).values_list(
            "criterion__code", "points", "comment"
        )
    ) == [("I1", Decimal("40"), texts["comment"]), ("I2", Decimal("30"), "")]
