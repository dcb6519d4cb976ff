"""The evaluation minutes ("procès-verbal d'évaluation" / "محضر التقييم") as
PDF (``common.pdf``) and DOCX (python-docx, right-to-left paragraphs in
Arabic), in French, Arabic or English.

Everything printed comes from the stored records: the call, the committee,
the declarations, the compliance flags and overrides, every submitted score,
the consolidation and moderations as ``compute_results`` computes them, the
recorded amounts, the recorded outcomes and the decision.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nidaa.common.docx import BidiDocument
from nidaa.common.pdf import render_pdf
from nidaa.evaluation.models import (
    ComplianceCheck,
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
    """One row per application (compliance, scores, amounts, rank, decision)
    and short summaries elsewhere: a printer lays a table cell out slowly, so
    the scores per criterion and evaluator are one paragraph per application
    (the evaluators in the committee's order), not a cell per score."""
    call = evaluation.call
    criteria = list(scorable_criteria(evaluation).values())
    labels = decision_labels()
    yes, no = _("yes"), _("no")
    assignments = list(
        EvaluatorAssignment.objects.filter(call=call)
        .select_related("evaluator")
        .order_by("-is_chair", "assigned_at", "pk")
    )
    order = [a.evaluator_id for a in assignments]
    committee = [
        {"index": i, "name": _person(a.evaluator), "role": _("Chair") if a.is_chair else _("Evaluator")}
        for i, a in enumerate(assignments, start=1)
    ]
    receipts = {row.application.pk: row.application.receipt_number for row in results.rows}

    declared: dict[int, dict[str, Any]] = {
        a.evaluator_id: {"name": _person(a.evaluator), "none": 0, "conflicts": [], "notes": []}
        for a in assignments
    }
    conflicted: set[tuple[int, int]] = set()
    for evaluator_id, application_id, conflict, note in ConflictDeclaration.objects.filter(
        application__call=call
    ).values_list("evaluator_id", "application_id", "has_conflict", "note"):
        entry = declared.get(evaluator_id)
        if entry is None or application_id not in receipts:
            continue
        if conflict:
            entry["conflicts"].append(receipts[application_id])
            conflicted.add((evaluator_id, application_id))
        else:
            entry["none"] += 1
        if note:
            entry["notes"].append(f"{receipts[application_id]}: {note}")
    declarations = [
        {
            "evaluator": entry["name"],
            "none": _("No conflict of interest: %(count)d applications") % {"count": entry["none"]},
            "conflicts": (
                _("Conflict of interest, left out of: %(receipts)s")
                % {"receipts": ", ".join(sorted(entry["conflicts"]))}
                if entry["conflicts"]
                else ""
            ),
            "notes": " ; ".join(entry["notes"]),
        }
        for entry in declared.values()
    ]

    points: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    for application_id, evaluator_id, code, value, passes in Score.objects.filter(
        sheet__application__call=call, sheet__status=SheetStatus.SUBMITTED
    ).values_list("sheet__application_id", "sheet__evaluator_id", "criterion__code", "points", "passes"):
        points[(application_id, evaluator_id)][code] = (
            _number(value) if passes is None else (_("pass") if passes else _("fail"))
        )
    moderated = set(
        Moderation.objects.filter(application__call=call).values_list("application_id", "criterion__code")
    )
    overrides: dict[int, list[str]] = defaultdict(list)
    for application_id, reason in ComplianceOverride.objects.filter(application__call=call).values_list(
        "application_id", "reason"
    ):
        overrides[application_id].append(reason)
    outcomes = {o.application_id: o for o in Outcome.objects.filter(application__call=call)}

    applications = []
    for row in results.rows:
        pk = row.application.pk
        outcome = outcomes.get(pk)
        decision = outcome.decision if outcome else row.ranked.decision.value
        failed = [
            str(label)
            for name, label in (
                (ComplianceCheck.ON_TIME, _("late")),
                (ComplianceCheck.COMPLETE, _("incomplete")),
            )
            if not row.compliance[name]
        ]
        scores = []
        for criterion in criteria:
            given = [
                "—"
                if (evaluator_id, pk) in conflicted
                else points.get((pk, evaluator_id), {}).get(criterion.code, "—")
                for evaluator_id in order
            ]
            text = f"{criterion.code} {' '.join(given)}"
            if not criterion.eliminatory:
                result = row.consolidation.criteria[criterion.code]
                text += f" → {_number(result.value)}{'*' if result.disagreement else ''}"
                if (pk, criterion.code) in moderated:
                    text += f" ({_('consensus')})"
            scores.append(text)
        applications.append(
            {
                "rank": (outcome.rank if outcome else row.ranked.rank) or "—",
                "receipt": row.application.receipt_number,
                "applicant": applicant_label(row.application),
                "compliant": (yes if row.compliant else no) + (f" ({', '.join(failed)})" if failed else ""),
                "overrides": " ; ".join(overrides.get(pk, [])),
                "eliminated_by": ", ".join(row.consolidation.eliminated_by),
                "scores": scores,
                "technical": _number(row.ranked.technical_score),
                "amount": _number(row.amount) if row.envelope_open else "",
                "financial": _number(row.ranked.financial_score),
                "combined": _number(row.ranked.combined_score),
                "decision": labels.get(decision, decision),
                "retained": decision == "retained",
            }
        )
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
            "amount": _number(row.offer.amount),
            "currency": row.offer.currency,
            "rate": _number(row.offer.rate) if row.offer.currency != "MAD" else "",
            "amount_mad": _number(row.amount),
        }
        for row in results.rows
        if row.envelope_open and row.offer is not None
    ]
    opened = sum(1 for row in results.rows if row.envelope_open)
    title = _("Evaluation minutes")
    context = {
        "title": title,
        "call": call,
        "organization": (
            call.organization.name_ar
            if language == "ar" and call.organization.name_ar
            else call.organization.name
        ),
        "evaluation": evaluation,
        "method": evaluation.get_method_display(),
        "weights": f"{_number(evaluation.technical_weight)} / {_number(evaluation.financial_weight)}",
        "pass_mark": _number(evaluation.pass_mark),
        "budget": _number(evaluation.budget) if evaluation.budget is not None else "",
        "share": _number(evaluation.disagreement_share * 100),
        "count": len(results.rows),
        "criteria": [
            {
                "code": c.code,
                "label": c.label(language),
                "max": _("eliminatory") if c.eliminatory else _number(c.max_points),
            }
            for c in criteria
        ],
        "committee": committee,
        "declarations": declarations,
        "applications": applications,
        "moderations": moderations,
        "financial": financial,
        "opened": opened,
        "retained": [item for item in applications if item["retained"]],
        "decision_note": evaluation.decision_note,
        "decided_at": timezone.localtime(evaluation.decided_at) if evaluation.decided_at else None,
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
    c = minutes.context
    document = BidiDocument(rtl=minutes.language == "ar")
    heading, para, table = document.heading, document.para, document.table

    heading(minutes.title, 0)
    para(f"{c['organization']} — {c['call'].title}")
    if c["call"].reference:
        para(_("Reference: %(reference)s") % {"reference": c["call"].reference})
    para(
        _("Method: %(method)s · weights %(weights)s · pass mark %(pass_mark)s / 100")
        % {"method": c["method"], "weights": c["weights"], "pass_mark": c["pass_mark"]}
    )
    para(_("Applications received: %(count)s") % {"count": c["count"]})
    heading(_("Evaluation grid"), 1)
    table(
        [_("Code"), _("Criterion"), _("Maximum")], [[r["code"], r["label"], r["max"]] for r in c["criteria"]]
    )
    heading(_("Committee"), 1)
    table(["#", _("Name"), _("Role")], [[str(m["index"]), m["name"], m["role"]] for m in c["committee"]])
    heading(_("Conflict-of-interest declarations"), 1)
    for d in c["declarations"]:
        para(" — ".join(part for part in (d["evaluator"], d["none"], d["conflicts"], d["notes"]) if part))
    heading(_("Scores per criterion and evaluator"), 1)
    para(_("Scores in the committee's order (#); → the consolidated score; * disagreement."))
    for a in c["applications"]:
        para(
            f"{a['receipt']} · {a['applicant']}: {' ; '.join(a['scores'])} — {_('Technical score')} {a['technical']}"
        )
    if c["moderations"]:
        heading(_("Moderations"), 1)
        table(
            [_("Application"), _("Criterion"), _("Consensus"), _("Reason")],
            [[m["receipt"], m["criterion"], m["value"], m["reason"]] for m in c["moderations"]],
        )
    heading(_("Financial opening"), 1)
    if c["financial"]:
        for f in c["financial"]:
            rate = f" x {f['rate']}" if f["rate"] else ""
            para(f"{f['receipt']}: {f['amount']} {f['currency']}{rate} = {f['amount_mad']} MAD")
    else:
        para(_("No financial offer was opened."))
    heading(_("Final ranking"), 1)
    table(
        [_("Rank"), _("Application"), _("Applicant"), _("Compliant"), _("Technical score"), _("Amount (MAD)"),
         _("Combined score"), _("Decision")],
        [[str(a["rank"]), a["receipt"], a["applicant"], a["compliant"], a["technical"], a["amount"], a["combined"],
          a["decision"]] for a in c["applications"]],
    )  # fmt: skip
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
    return document.save()
