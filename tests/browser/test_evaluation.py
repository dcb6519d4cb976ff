"""An evaluator scores an application in Arabic, in Debian's Chromium: the
page is right to left, the conflict-of-interest declaration comes first, the
application's PDF shows beside the sheet, and the committee's consolidation
appears only once the sheet is submitted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from fpdf import FPDF

from nidaa.applications.models import ApplicationChannel
from nidaa.applications.services import record_version, stored_file
from nidaa.evaluation.models import ConflictDeclaration, Score, ScoreSheet, SheetStatus
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.evaluation.conftest import applications, call, committee, graded  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def methodology_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text="Note methodologique - Salma Benali")
    return bytes(pdf.output())


def test_an_evaluator_scores_an_application_in_arabic(page_as, call, committee, applications, graded):  # noqa: F811
    r1 = applications["R1"]
    note = stored_file(piece="methodology_note", upload=ContentFile(methodology_pdf(), name="note.pdf"))
    record_version(
        application=r1,
        received_at=call.deadline - timedelta(hours=3),
        channel=ApplicationChannel.WEB,
        actor=None,
        files=[note],
    )
    evaluator = committee["a"]
    page = page_as(evaluator)

    response = page.goto(f"/ar/evaluation/applications/{r1.pk}/")
    assert response is not None and response.ok
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("iframe").count() == 0  # nothing opens before the declaration
    page.get_by_label("أصرّح بأنه لا يوجد لدي أي تضارب في المصالح مع هذا المترشح.").check()
    with page.expect_navigation():
        page.get_by_role("button", name="تسجيل تصريحي").click()
    assert ConflictDeclaration.objects.get(evaluator=evaluator, application=r1).has_conflict is False

    frame = page.locator("iframe.application-file")
    pdf = page.request.get(frame.get_attribute("src"))
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert page.get_by_role("heading", name="تجميع نقط اللجنة").count() == 0

    page.locator("#score_C1").fill("25")
    page.locator("#score_C2").fill("35")
    page.locator("#score_C3").fill("20")
    page.locator("#score_E1").select_option("pass")
    page.get_by_label("تعليق على C2").fill("منهجية واضحة ومفصلة")
    screenshot(page, "evaluation-score-ar")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    with page.expect_navigation():
        page.get_by_role("button", name="إرسال ورقتي").click()

    assert page.get_by_text("تم إرسال ورقتك.").count() == 1
    assert page.get_by_role("heading", name="تجميع نقط اللجنة").count() == 1
    sheet = ScoreSheet.objects.get(evaluator=evaluator, application=r1)
    assert sheet.status == SheetStatus.SUBMITTED
    assert (
        dict(Score.objects.filter(sheet=sheet).values_list("criterion__code", "comment"))["C2"]
        == "منهجية واضحة ومفصلة"
    )
