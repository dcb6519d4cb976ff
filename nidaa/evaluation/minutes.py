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
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from nidaa.accounts.models import User
from nidaa.common.docx import BidiDocument
from nidaa.common.kept import keep
from nidaa.common.kept import read as read_kept
from nidaa.common.lists import joined
from nidaa.common.pdf import render_pdf
from nidaa.evaluation.models import (
    ComplianceCheck,
    ComplianceOverride,
    ConflictDeclaration,
    Evaluation,
    EvaluatorAssignment,
    Interview,
    InterviewCriterion,
    InterviewScore,
    Moderation,
    Outcome,
    Score,
    SheetStatus,
    Stage,
)
from nidaa.evaluation.results import Results, applicant_label, compute_results, records_version, rounded
from nidaa.evaluation.sheets import scorable_criteria
from nidaa.evaluation.templatetags.evaluation import decision_labels

LANGUAGES = ("fr", "ar", "en")


def _number(value: Decimal | float | None) -> str:
    if value is None:
        return "—"
    number = rounded(Decimal(str(value)))
    assert number is not None
    return f"{number:.2f}"


def _person(user: User) -> str:
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
                % {"receipts": joined(sorted(entry["conflicts"]))}
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
                "eliminated_by": joined(row.consolidation.eliminated_by),
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
    interview = _interviews(evaluation, language, results, order) if evaluation.interview else None
    for item, row in zip(applications, results.rows, strict=True):
        item["interview"] = _number(row.ranked.interview_score) if row.ranked.shortlisted else ""
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
        "interview": interview,
        "decision_note": evaluation.decision_note,
        "decided_at": timezone.localtime(evaluation.decided_at) if evaluation.decided_at else None,
    }
    return Minutes(language=language, title=title, context=context)


# --- stored under the records version ------------------------------------------

FORMATS = ("pdf", "docx")
# Part of the stored files' names: a change of the minutes' layout or content
# that the records do not show makes new files.
LAYOUT = "2"


def _stored_name(evaluation: Evaluation, version: str, language: str, fmt: str) -> str:
    # The version is a 32-hex digest: the names cannot be guessed.
    return f"evaluation/minutes/{evaluation.call_id}/{LAYOUT}-{version}-{language}.{fmt}"


def stored_minutes(evaluation: Evaluation, language: str, fmt: str) -> bytes:
    """The minutes as a file kept in the storage under the evaluation's
    records version (``results.records_version``: any change to what they
    print makes a new name): printed once, after the decision in the task
    queue (``generate_minutes``) or at the first download, then read back.
    Older versions of the same call's minutes are deleted when a new one is
    kept."""
    if language not in LANGUAGES or fmt not in FORMATS:
        raise ValueError(f"{language}.{fmt}")
    name = _stored_name(evaluation, records_version(evaluation), language, fmt)
    maker = minutes_pdf if fmt == "pdf" else minutes_docx
    data = keep(name, lambda: maker(evaluation, language), replaces=f"-{language}.{fmt}")
    return read_kept(name) if data is None else data


def generate_minutes(*, call_id: int) -> int:
    """Print and keep a decided evaluation's minutes in every language and
    format (the task queue's job after the decision); returns how many."""
    evaluation = (
        Evaluation.objects.select_related("call", "call__organization").filter(call_id=call_id).first()
    )
    if evaluation is None or evaluation.stage != Stage.DECIDED:
        return 0
    for language in LANGUAGES:
        for fmt in FORMATS:
            stored_minutes(evaluation, language, fmt)
    return len(LANGUAGES) * len(FORMATS)


def _interviews(evaluation: Evaluation, language: str, results: Results, order: list[int]) -> dict[str, Any]:
    """The staff post's shortlist and interviews: when and where, every
    evaluator's points per interview criterion (in the committee's order),
    the interview score and the final score with the weights."""
    criteria = list(InterviewCriterion.objects.filter(evaluation=evaluation))
    codes = {criterion.pk: criterion.code for criterion in criteria}
    points: dict[tuple[int, int], dict[str, str]] = defaultdict(dict)
    for application_id, evaluator_id, criterion_id, value in InterviewScore.objects.filter(
        application__call_id=evaluation.call_id
    ).values_list("application_id", "evaluator_id", "criterion_id", "points"):
        points[(application_id, evaluator_id)][codes[criterion_id]] = _number(value)
    scheduled = {
        interview.application_id: interview
        for interview in Interview.objects.filter(application__call_id=evaluation.call_id)
    }
    zone = ZoneInfo(evaluation.call.timezone)
    shortlisted = []
    for row in results.rows:
        interview = scheduled.get(row.application.pk)
        if interview is None:
            continue
        when = (
            date_format(timezone.localtime(interview.starts_at, zone), "DATETIME_FORMAT")
            if interview.starts_at
            else "—"
        )
        where = " · ".join(part for part in (interview.place, interview.online_link) if part)
        scores = []
        for criterion in criteria:
            given = " ".join(
                points.get((row.application.pk, evaluator_id), {}).get(criterion.code, "—")
                for evaluator_id in order
            )
            mean = row.interview.criteria[criterion.code].mean if row.interview is not None else None
            scores.append(f"{criterion.code} {given} → {_number(mean)}")
        shortlisted.append(
            {
                "receipt": row.application.receipt_number,
                "applicant": applicant_label(row.application),
                "when": when,
                "where": where,
                "scores": scores,
                "interview": _number(row.ranked.interview_score),
                "technical": _number(row.ranked.technical_score),
                "final": _number(row.ranked.combined_score),
            }
        )
    return {
        "weights": _("Final score = %(file)s %% file score + %(interview)s %% interview score")
        % {
            "file": format(evaluation.file_weight.normalize(), "f"),
            "interview": format(evaluation.interview_weight.normalize(), "f"),
        },
        "criteria": [
            {"code": c.code, "label": c.label(language), "max": _number(c.max_points)} for c in criteria
        ],
        "shortlisted": shortlisted,
    }


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
    if c["interview"]:
        heading(_("Shortlist and interviews"), 1)
        para(c["interview"]["weights"])
        table(
            [_("Code"), _("Criterion"), _("Maximum")],
            [[r["code"], r["label"], r["max"]] for r in c["interview"]["criteria"]],
        )
        for i in c["interview"]["shortlisted"]:
            para(
                f"{i['receipt']} · {i['applicant']} — {i['when']}{' · ' + i['where'] if i['where'] else ''}: "
                f"{' ; '.join(i['scores'])} — {_('Interview score')} {i['interview']} — "
                f"{_('Final score')} {i['final']}"
            )
    heading(_("Financial opening"), 1)
    if c["financial"]:
        for f in c["financial"]:
            rate = f" x {f['rate']}" if f["rate"] else ""
            para(f"{f['receipt']}: {f['amount']} {f['currency']}{rate} = {f['amount_mad']} MAD")
    else:
        para(_("No financial offer was opened."))
    heading(_("Final ranking"), 1)
    staff = c["interview"] is not None
    table(
        [_("Rank"), _("Application"), _("Applicant"), _("Compliant"), _("Technical score"),
         _("Interview score") if staff else _("Amount (MAD)"), _("Final score") if staff else _("Combined score"),
         _("Decision")],
        [[str(a["rank"]), a["receipt"], a["applicant"], a["compliant"], a["technical"],
          a["interview"] if staff else a["amount"], a["combined"], a["decision"]] for a in c["applications"]],
    )  # fmt: skip
    heading(_("Decision"), 1)
    if c["retained"]:
        para(
            _("The committee retains: %(names)s.")
            % {"names": joined(f"{r['applicant']} ({r['receipt']})" for r in c["retained"])}
        )
    if c["decision_note"]:
        para(c["decision_note"])
    heading(_("Signatures"), 1)
    table([_("Name"), _("Role"), _("Signature")], [[m["name"], m["role"], ""] for m in c["committee"]])
    return document.save()
