"""The evaluation minutes ("procès-verbal d'évaluation" / "محضر التقييم") as
PDF (``common.pdf``) and DOCX (python-docx, right-to-left paragraphs in
Arabic), in French, Arabic or English.

Everything printed comes from the stored records: the call, the committee,
the declarations, the compliance flags and overrides, every submitted score,
the consolidation and moderations as ``compute_results`` computes them, the
recorded amounts, the recorded outcomes and the decision.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nidaa.common.pdf import render_pdf
from nidaa.evaluation.models import (
    ComplianceOverride,
    ConflictDeclaration,
    Evaluation,
    EvaluatorAssignment,
    Moderation,
    Outcome,
    Score,
    SheetStatus,
)
from nidaa.evaluation.results import Results, applicant_label, compute_results, rounded
from nidaa.evaluation.sheets import scorable_criteria
from nidaa.evaluation.templatetags.evaluation import decision_labels

LANGUAGES = ("fr", "ar", "en")


def _number(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    number = rounded(Decimal(str(value)))
    assert number is not None
    return f"{number:.2f}"


def _person(user: Any) -> str:
    return user.get_full_name() or user.email or user.username


@dataclass(frozen=True)
class Minutes:
    language: str
    title: str
    context: dict[str, Any]


def build_minutes(evaluation: Evaluation, language: str) -> Minutes:
    """The minutes' content in ``language``, as plain data both formats print."""
    if language not in LANGUAGES:
        raise ValueError(language)
    with translation.override(language):
        return _build(evaluation, language, compute_results(evaluation))


def _build(evaluation: Evaluation, language: str, results: Results) -> Minutes:
    call = evaluation.call
    criteria = list(scorable_criteria(evaluation).values())
    labels = decision_labels()
    assignments = list(
        EvaluatorAssignment.objects.filter(call=call)
        .select_related("evaluator")
        .order_by("-is_chair", "assigned_at")
    )
    committee = [
        {"name": _person(a.evaluator), "role": _("Chair") if a.is_chair else _("Evaluator")}
        for a in assignments
    ]
    receipts = {row.application.pk: row.application.receipt_number for row in results.rows}
    names = {row.application.pk: applicant_label(row.application) for row in results.rows}
    declarations = [
        {
            "evaluator": _person(d.evaluator),
            "receipt": receipts.get(d.application_id, ""),
            "applicant": names.get(d.application_id, ""),
            "conflict": d.has_conflict,
            "text": _("Conflict of interest: left out") if d.has_conflict else _("No conflict of interest"),
            "note": d.note,
        }
        for d in ConflictDeclaration.objects.filter(application__call=call)
        .select_related("evaluator")
        .order_by("application__received_at", "application_id", "evaluator__last_name", "evaluator_id")
    ]
    overrides = defaultdict(list)
    for override in ComplianceOverride.objects.filter(application__call=call):
        overrides[override.application_id].append(override.reason)
    yes, no = _("yes"), _("no")
    compliance = [
        {
            "receipt": row.application.receipt_number,
            "applicant": applicant_label(row.application),
            "on_time": yes if row.compliance["on_time"] else no,
            "complete": yes if row.compliance["complete"] else no,
            "eliminated_by": ", ".join(row.consolidation.eliminated_by) or "—",
            "compliant": yes if row.compliant and not row.consolidation.eliminated_by else no,
            "overrides": " ; ".join(overrides.get(row.application.pk, [])),
        }
        for row in results.rows
    ]
    # Every submitted score, per application and evaluator.
    scores: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    evaluators: dict[int, str] = {}
    for application_id, evaluator_id, first, last, email, code, points, passes in Score.objects.filter(
        sheet__application__call=call, sheet__status=SheetStatus.SUBMITTED
    ).values_list(
        "sheet__application_id", "sheet__evaluator_id", "sheet__evaluator__first_name",
        "sheet__evaluator__last_name", "sheet__evaluator__email", "criterion__code", "points", "passes",
    ):  # fmt: skip
        evaluators[evaluator_id] = f"{first} {last}".strip() or email
        scores[(application_id, evaluator_id)][code] = (
            _number(points) if passes is None else (_("pass") if passes else _("fail"))
        )
    score_rows = [
        {
            "receipt": row.application.receipt_number,
            "evaluator": evaluators[evaluator_id],
            "scores": [scores[(row.application.pk, evaluator_id)].get(c.code, "—") for c in criteria],
        }
        for row in results.rows
        for evaluator_id in sorted(
            {e for (a, e) in scores if a == row.application.pk}, key=lambda e: evaluators[e]
        )
    ]
    consolidation = [
        {
            "receipt": row.application.receipt_number,
            "criteria": [
                {
                    "code": c.code,
                    "mean": _number(row.consolidation.criteria[c.code].mean),
                    "median": _number(row.consolidation.criteria[c.code].median),
                    "spread": _number(row.consolidation.criteria[c.code].spread),
                    "disagreement": row.consolidation.criteria[c.code].disagreement,
                    "value": _number(row.consolidation.criteria[c.code].value),
                }
                for c in criteria
                if not c.eliminatory
            ],
            "technical": _number(row.ranked.technical_score),
        }
        for row in results.rows
    ]
    moderations = [
        {
            "receipt": receipts.get(m.application_id, ""),
            "criterion": m.criterion.code,
            "value": _number(m.consensus)
            if m.consensus is not None
            else (_("pass") if m.verdict else _("fail")),
            "reason": m.reason,
        }
        for m in Moderation.objects.filter(application__call=call)
        .select_related("criterion")
        .order_by("application__received_at", "criterion__order")
    ]
    financial = [
        {
            "receipt": row.application.receipt_number,
            "applicant": applicant_label(row.application),
            "amount": _number(row.offer.amount) if row.offer else "—",
            "currency": row.offer.currency if row.offer else "",
            "rate": _number(row.offer.rate) if row.offer and row.offer.currency != "MAD" else "",
            "amount_mad": _number(row.amount),
            "financial": _number(row.ranked.financial_score),
        }
        for row in results.rows
        if row.envelope_open
    ]
    outcomes = {o.application_id: o for o in Outcome.objects.filter(application__call=call)}
    ranking = []
    for row in results.rows:
        outcome = outcomes.get(row.application.pk)
        decision = outcome.decision if outcome else row.ranked.decision.value
        ranking.append(
            {
                "rank": (outcome.rank if outcome else row.ranked.rank) or "—",
                "receipt": row.application.receipt_number,
                "applicant": applicant_label(row.application),
                "technical": _number(row.ranked.technical_score),
                "financial": _number(row.ranked.financial_score),
                "combined": _number(row.ranked.combined_score),
                "decision": labels.get(decision, decision),
                "retained": decision == "retained",
            }
        )
    retained = [item for item in ranking if item["retained"]]
    criteria_rows = [
        {
            "code": c.code,
            "label": c.label(language),
            "max": _("eliminatory") if c.eliminatory else _number(c.max_points),
        }
        for c in criteria
    ]
    title = _("Evaluation minutes")
    context = {
        "title": title,
        "call": call,
        "organization": call.organization.name_ar
        if language == "ar" and call.organization.name_ar
        else call.organization.name,
        "evaluation": evaluation,
        "method": evaluation.get_method_display(),
        "weights": f"{_number(evaluation.technical_weight)} / {_number(evaluation.financial_weight)}",
        "pass_mark": _number(evaluation.pass_mark),
        "budget": _number(evaluation.budget) if evaluation.budget is not None else "",
        "share": _number(evaluation.disagreement_share * 100),
        "applications": len(results.rows),
        "criteria": criteria_rows,
        "scored_codes": [c.code for c in criteria if not c.eliminatory],
        "all_codes": [c.code for c in criteria],
        "committee": committee,
        "declarations": declarations,
        "compliance": compliance,
        "score_rows": score_rows,
        "consolidation": consolidation,
        "moderations": moderations,
        "financial": financial,
        "ranking": ranking,
        "retained": retained,
        "decision_note": evaluation.decision_note,
        "decided_at": timezone.localtime(evaluation.decided_at) if evaluation.decided_at else None,
        "printed_at": timezone.localtime(),
    }
    return Minutes(language=language, title=title, context=context)


def minutes_pdf(evaluation: Evaluation, language: str) -> bytes:
    minutes = build_minutes(evaluation, language)
    return render_pdf("evaluation/minutes.html", minutes.context, language=language)


def minutes_docx(evaluation: Evaluation, language: str) -> bytes:
    minutes = build_minutes(evaluation, language)
    with translation.override(language):
        return _docx(minutes)


# --- DOCX --------------------------------------------------------------------


def _docx(minutes: Minutes) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    rtl = minutes.language == "ar"
    c = minutes.context
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Amiri" if rtl else "DejaVu Sans"
    style.font.size = Pt(10)

    def bidi(paragraph: Any) -> Any:
        # Arabic paragraphs run right to left (w:bidi), their runs too (w:rtl):
        # Word then orders and shapes the text itself; it is stored in logical order.
        if rtl:
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p_pr = paragraph._p.get_or_add_pPr()
            p_pr.append(OxmlElement("w:bidi"))
            for run in paragraph.runs:
                r_pr = run._r.get_or_add_rPr()
                r_pr.append(OxmlElement("w:rtl"))
                fonts = r_pr.find(qn("w:rFonts"))
                if fonts is None:
                    fonts = OxmlElement("w:rFonts")
                    r_pr.insert(0, fonts)
                fonts.set(qn("w:cs"), "Amiri")
        return paragraph

    def heading(text: str, level: int) -> None:
        bidi(document.add_heading(text, level=level))

    def para(text: str) -> None:
        bidi(document.add_paragraph(text))

    def table(headers: list[str], rows: list[list[str]]) -> None:
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        if rtl:
            tbl_pr = grid._tbl.tblPr
            tbl_pr.append(OxmlElement("w:bidiVisual"))
        for cell, text in zip(grid.rows[0].cells, headers, strict=True):
            cell.text = str(text)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True
                bidi(paragraph)
        for values in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                cell.text = str(text)
                for paragraph in cell.paragraphs:
                    bidi(paragraph)

    heading(minutes.title, 0)
    para(f"{c['organization']} — {c['call'].title}")
    if c["call"].reference:
        para(_("Reference: %(reference)s") % {"reference": c["call"].reference})
    para(
        _("Method: %(method)s · weights %(weights)s · pass mark %(pass_mark)s / 100")
        % {"method": c["method"], "weights": c["weights"], "pass_mark": c["pass_mark"]}
    )
    heading(_("Evaluation grid"), 1)
    table(
        [_("Code"), _("Criterion"), _("Maximum")], [[r["code"], r["label"], r["max"]] for r in c["criteria"]]
    )
    heading(_("Committee"), 1)
    table([_("Name"), _("Role")], [[m["name"], m["role"]] for m in c["committee"]])
    heading(_("Conflict-of-interest declarations"), 1)
    table(
        [_("Evaluator"), _("Application"), _("Declaration")],
        [[d["evaluator"], d["receipt"], d["text"]] for d in c["declarations"]],
    )
    heading(_("Administrative compliance"), 1)
    table(
        [
            _("Application"),
            _("Applicant"),
            _("On time"),
            _("Pieces complete"),
            _("Eliminated by"),
            _("Compliant"),
        ],
        [
            [r["receipt"], r["applicant"], r["on_time"], r["complete"], r["eliminated_by"], r["compliant"]]
            for r in c["compliance"]
        ],
    )
    heading(_("Scores per criterion and evaluator"), 1)
    table(
        [_("Application"), _("Evaluator"), *c["all_codes"]],
        [[r["receipt"], r["evaluator"], *r["scores"]] for r in c["score_rows"]],
    )
    heading(_("Consolidation"), 1)
    table(
        [_("Application"), *c["scored_codes"], _("Technical score")],
        [[r["receipt"], *(k["value"] for k in r["criteria"]), r["technical"]] for r in c["consolidation"]],
    )
    if c["moderations"]:
        heading(_("Moderations"), 1)
        table(
            [_("Application"), _("Criterion"), _("Consensus"), _("Reason")],
            [[m["receipt"], m["criterion"], m["value"], m["reason"]] for m in c["moderations"]],
        )
    heading(_("Financial opening"), 1)
    if c["financial"]:
        table(
            [
                _("Application"),
                _("Applicant"),
                _("Amount"),
                _("Currency"),
                _("Amount (MAD)"),
                _("Financial score"),
            ],
            [
                [f["receipt"], f["applicant"], f["amount"], f["currency"], f["amount_mad"], f["financial"]]
                for f in c["financial"]
            ],
        )
    else:
        para(_("No financial offer was opened."))
    heading(_("Final ranking"), 1)
    table(
        [
            _("Rank"),
            _("Application"),
            _("Applicant"),
            _("Technical score"),
            _("Financial score"),
            _("Combined score"),
            _("Decision"),
        ],
        [
            [
                str(r["rank"]),
                r["receipt"],
                r["applicant"],
                r["technical"],
                r["financial"],
                r["combined"],
                r["decision"],
            ]
            for r in c["ranking"]
        ],
    )
    heading(_("Decision"), 1)
    if c["retained"]:
        para(
            _("The committee retains: %(names)s.")
            % {"names": ", ".join(f"{r['applicant']} ({r['receipt']})" for r in c["retained"])}
        )
    if c["decision_note"]:
        para(c["decision_note"])
    heading(_("Signatures"), 1)
    table([_("Name"), _("Role"), _("Signature")], [[m["name"], m["role"], ""] for m in c["committee"]])
    target = io.BytesIO()
    document.save(target)
    return target.getvalue()
