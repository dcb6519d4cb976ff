"""The results and the scoring matrix as an .xlsx workbook: one sheet of
results (the ``results`` command's columns) and one of every submitted score
with its evaluator and comment (a staff post: the interview's columns and
sheet too). Headers in the active language."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from nidaa.applications.exports import sheet_title
from nidaa.common.lists import joined
from nidaa.evaluation.models import InterviewScore, Score, SheetStatus
from nidaa.evaluation.results import Results, applicant_label, rounded


def results_xlsx(results: Results) -> bytes:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    codes = [criterion.code for criterion in results.grid.scored]
    staff = results.evaluation.interview

    def header(sheet: object, titles: list[str]) -> list[WriteOnlyCell]:
        cells = []
        for text in titles:
            cell = WriteOnlyCell(sheet, value=text)  # type: ignore[arg-type]
            cell.font = bold
            cells.append(cell)
        return cells

    sheet = workbook.create_sheet(sheet_title(_("Results")))
    sheet.freeze_panes = "A2"
    sheet.append(
        header(
            sheet,
            [
                _("Receipt number"),
                _("Applicant"),
                _("Compliant"),
                _("Eliminated by"),
                *codes,
                _("Technical score"),
                _("Qualified"),
                _("Amount (MAD)"),
                _("Financial score"),
                _("Combined score"),
                _("Rank"),
                _("Decision"),
                # A staff post's interview stage, after the common columns.
                *((_("Shortlisted"), _("Interview score")) if staff else ()),
            ],
        )  # fmt: skip
    )
    yes, no = _("yes"), _("no")
    for row in results.rows:
        sheet.append(
            [
                row.application.receipt_number,
                applicant_label(row.application),
                yes if row.compliant else no,
                joined(row.consolidation.eliminated_by) or None,
                *(rounded(row.consolidation.criteria[code].value) for code in codes),
                rounded(row.ranked.technical_score),
                yes if row.ranked.qualified else no,
                rounded(row.amount),
                rounded(row.ranked.financial_score),
                rounded(row.ranked.combined_score),
                row.ranked.rank,
                row.ranked.decision.value,
                *(
                    (yes if row.ranked.shortlisted else no, rounded(row.ranked.interview_score))
                    if staff
                    else ()
                ),
            ]
        )
    matrix = workbook.create_sheet(sheet_title(_("Scores")))
    matrix.freeze_panes = "A2"
    matrix.append(
        header(matrix, [_("Receipt number"), _("Evaluator"), _("Criterion"), _("Score"), _("Comment")])
    )
    scores = (
        Score.objects.filter(
            sheet__application__call=results.evaluation.call, sheet__status=SheetStatus.SUBMITTED
        )
        .order_by(
            "sheet__application__received_at",
            "sheet__application_id",
            "sheet__evaluator__email",
            "criterion__order",
        )
        .values_list(
            "sheet__application__receipt_number",
            "sheet__evaluator__email",
            "criterion__code",
            "points",
            "passes",
            "comment",
        )
    )
    for receipt, email, code, points, passes, comment in scores.iterator(chunk_size=5000):
        value: object = rounded(points) if passes is None else ("pass" if passes else "fail")
        matrix.append([receipt, email, code, value, comment or None])
    if staff:
        interviews = workbook.create_sheet(sheet_title(_("Interview scores")))
        interviews.freeze_panes = "A2"
        interviews.append(
            header(
                interviews, [_("Receipt number"), _("Evaluator"), _("Criterion"), _("Score"), _("Comment")]
            )
        )
        for receipt, email, code, points, comment in (
            InterviewScore.objects.filter(application__call=results.evaluation.call)
            .order_by("application__received_at", "application_id", "evaluator__email", "criterion__order")
            .values_list(
                "application__receipt_number", "evaluator__email", "criterion__code", "points", "comment"
            )
        ):
            interviews.append([receipt, email, code, rounded(points), comment or None])
    target = io.BytesIO()
    workbook.save(target)
    return target.getvalue()
