"""The evaluators' side: conflict-of-interest declarations, score sheets
(draft, submitted, reopened by the chair) and the import of a scoring file.

An evaluator declares before opening an application; a conflict hides it
from them and leaves them out of its consolidation. A submitted sheet counts
and cannot change until the chair reopens it. The first score freezes the
grid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nidaa.accounts.models import User
from nidaa.applications.models import Application
from nidaa.calls.models import Call
from nidaa.common.lists import joined
from nidaa.common.workflow import write_audit
from nidaa.evaluation.committee import committee_role, is_chair_role
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    EvaluatorAssignment,
    GridCriterion,
    InterviewCriterion,
    Score,
    ScoreSheet,
    SheetStatus,
    Stage,
)
from nidaa.evaluation.results import submitted, touch

MAX_COMMENT = 5000
SHOWN_PROBLEMS = 50


@dataclass(frozen=True)
class Entry:
    """What an evaluator wrote for one criterion."""

    points: Decimal | None = None
    passes: bool | None = None
    comment: str = ""


def get_evaluation(call: Call) -> Evaluation:
    try:
        return Evaluation.objects.select_related("call").get(call=call)
    except Evaluation.DoesNotExist as error:
        raise EvaluationError(_("This call has no evaluation grid yet.")) from error


def scorable_criteria(evaluation: Evaluation) -> dict[str, GridCriterion]:
    """The criteria an evaluator fills: sub-criteria and criteria without
    sub-criteria, scored or eliminatory (a heading adds its sub-criteria up)."""
    criteria = list(evaluation.criteria.all())
    parents = {criterion.parent_id for criterion in criteria if criterion.parent_id}
    return {criterion.code: criterion for criterion in criteria if criterion.pk not in parents}


def check_entry(criterion: GridCriterion, raw: str) -> Entry:
    """A cell as typed (points, or pass/fail for an eliminatory criterion);
    raises ``ValueError`` with the message for the user."""
    value = raw.strip().lower()
    if criterion.eliminatory:
        if value in ("pass", "yes", "1", "oui", "réussi"):
            return Entry(passes=True)
        if value in ("fail", "no", "0", "non", "échec"):
            return Entry(passes=False)
        raise ValueError(_("criterion %(code)s is eliminatory: pass or fail") % {"code": criterion.code})
    return Entry(points=check_points(criterion, raw))


def check_points(criterion: GridCriterion | InterviewCriterion, raw: str) -> Decimal:
    """Points as typed for a scored criterion of the file or interview grid:
    a number from 0 to its maximum, two decimals at most; raises
    ``ValueError`` with the message for the user."""
    try:
        points = Decimal(raw.strip().replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(_("the score %(value)r is not a number") % {"value": raw}) from error
    if not points.is_finite() or points < 0:
        raise ValueError(_("the score %(value)s is negative") % {"value": raw})
    if points > criterion.max_points:
        raise ValueError(
            _("the score %(value)s is above the maximum of %(code)s (%(max)s)")
            % {"value": raw, "code": criterion.code, "max": format(criterion.max_points.normalize(), "f")}
        )
    if points != points.quantize(Decimal("0.01")):
        raise ValueError(_("the score %(value)s has more than two decimals") % {"value": raw})
    return points


def _require_scoring(evaluation: Evaluation) -> None:
    if evaluation.stage != Stage.SCORING:
        raise EvaluationError(_("The technical evaluation is closed: scores can no longer change."))


def _require_assigned(call: Call, evaluator: User) -> None:
    if not EvaluatorAssignment.objects.filter(call=call, evaluator=evaluator).exists():
        raise EvaluationError(_("You are not an evaluator of this call."))


@transaction.atomic
def declare_conflict(
    *, application: Application, evaluator: User, conflict: bool, note: str = ""
) -> ConflictDeclaration:
    """Record the evaluator's declaration for ``application``; it is kept as
    first made (a second, different one is refused: the chair is told)."""
    _require_assigned(application.call, evaluator)
    declaration, created = ConflictDeclaration.objects.get_or_create(
        evaluator=evaluator, application=application, defaults={"has_conflict": conflict, "note": note[:500]}
    )
    if not created and declaration.has_conflict != conflict:
        raise EvaluationError(_("Your declaration for this application is already recorded."))
    if created:
        touch(call_id=application.call_id)
        write_audit(
            obj=application,
            actor=evaluator,
            action="declare_conflict" if conflict else "declare_no_conflict",
            data={"evaluator": evaluator.pk, **({"note": note[:500]} if note else {})},
        )
    return declaration


def _freeze(evaluation: Evaluation) -> None:
    touch(call_id=evaluation.call_id)
    if evaluation.frozen_at is None:
        evaluation.frozen_at = timezone.now()
        evaluation.save(update_fields=["frozen_at", "updated_at"])


def _write_sheet(
    *,
    evaluation: Evaluation,
    sheet: ScoreSheet,
    entries: dict[str, Entry],
    criteria: dict[str, GridCriterion],
) -> None:
    existing = {score.criterion_id: score for score in sheet.scores.all()}
    for code, entry in entries.items():
        criterion = criteria[code]
        score = existing.get(criterion.pk) or Score(sheet=sheet, criterion=criterion)
        score.points, score.passes, score.comment = entry.points, entry.passes, entry.comment[:MAX_COMMENT]
        score.save()
    _freeze(evaluation)


@transaction.atomic
def save_sheet(
    *, application: Application, evaluator: User, entries: dict[str, Entry], submit: bool
) -> ScoreSheet:
    """Save the evaluator's scores for ``application`` (a draft, or submitted
    when ``submit``: every criterion must then be scored)."""
    evaluation = Evaluation.objects.select_for_update().get(call=application.call)
    _require_scoring(evaluation)
    _require_assigned(application.call, evaluator)
    declaration = ConflictDeclaration.objects.filter(evaluator=evaluator, application=application).first()
    if declaration is None or declaration.has_conflict:
        raise EvaluationError(_("Declare that you have no conflict of interest before scoring."))
    criteria = scorable_criteria(evaluation)
    unknown = sorted(set(entries) - set(criteria))
    if unknown:
        raise EvaluationError(_("Unknown criteria: %(codes)s.") % {"codes": joined(unknown)})
    sheet, _created = ScoreSheet.objects.get_or_create(evaluator=evaluator, application=application)
    if sheet.status == SheetStatus.SUBMITTED:
        raise EvaluationError(_("Your sheet is submitted; only the chair can reopen it."))
    if submit:
        missing = [
            code
            for code in criteria
            if code not in entries or (entries[code].points is None and entries[code].passes is None)
        ]
        if missing:
            raise EvaluationError(
                _("Score every criterion before submitting: %(codes)s.") % {"codes": joined(missing)}
            )
    _write_sheet(evaluation=evaluation, sheet=sheet, entries=entries, criteria=criteria)
    if submit:
        sheet.status = SheetStatus.SUBMITTED
        sheet.submitted_at = timezone.now()
        sheet.save(update_fields=["status", "submitted_at", "updated_at"])
        write_audit(obj=sheet, actor=evaluator, action="submit_sheet", data=_sheet_data(entries))
    else:
        sheet.save(update_fields=["updated_at"])
    return sheet


def _sheet_data(entries: dict[str, Entry]) -> dict[str, object]:
    return {
        code: (str(entry.points) if entry.points is not None else entry.passes)
        for code, entry in entries.items()
    }


@transaction.atomic
def reopen_sheet(*, sheet: ScoreSheet, actor: User | None, reason: str) -> ScoreSheet:
    """The chair reopens a submitted sheet so its evaluator may change it."""
    call = sheet.application.call
    if not is_chair_role(committee_role(actor, call)):
        raise EvaluationError(_("Only the chair can reopen a sheet."))
    _require_scoring(get_evaluation(call))
    if not reason.strip():
        raise EvaluationError(_("Reopening a sheet needs a reason."))
    if sheet.status != SheetStatus.SUBMITTED:
        raise EvaluationError(_("This sheet is not submitted."))
    sheet.status = SheetStatus.REOPENED
    sheet.save(update_fields=["status", "updated_at"])
    touch(call_id=call.pk)
    write_audit(
        obj=sheet,
        actor=actor,
        action="reopen_sheet",
        from_state=SheetStatus.SUBMITTED,
        to_state=SheetStatus.REOPENED,
        data={"reason": reason.strip()},
    )
    return sheet


SCORE_COLUMNS = ("evaluator", "application", "criterion", "score")
YES = ("yes", "oui", "1", "true", "نعم")


@transaction.atomic
def import_scores(
    *, call: Call, rows: list[tuple[int, dict[str, str]]], actor: User | None
) -> dict[str, int]:
    """Import a long-form scoring file (one row per evaluator, application and
    criterion): every row is checked first, and a file with any error imports
    nothing (``EvaluationError.problems`` lists them, each naming its row).
    Each (evaluator, application) sheet in the file is submitted."""
    if not is_chair_role(committee_role(actor, call)):
        raise EvaluationError(_("Only the chair can import scores."))
    evaluation = Evaluation.objects.select_for_update().select_related("call").get(call=call)
    _require_scoring(evaluation)
    criteria = scorable_criteria(evaluation)
    evaluators = {
        email.lower(): user_id
        for user_id, email in EvaluatorAssignment.objects.filter(call=call).values_list(
            "evaluator_id", "evaluator__email"
        )
    }
    applications = dict(submitted(call).values_list("receipt_number", "pk"))
    declared = {
        (evaluator_id, application_id): conflict
        for evaluator_id, application_id, conflict in ConflictDeclaration.objects.filter(
            application__call=call
        ).values_list("evaluator_id", "application_id", "has_conflict")
    }
    closed = set(
        ScoreSheet.objects.filter(application__call=call, status=SheetStatus.SUBMITTED).values_list(
            "evaluator_id", "application_id"
        )
    )
    problems: list[str] = []
    conflicts: dict[tuple[int, int], int] = {}
    entries: dict[tuple[int, int], dict[str, Entry]] = defaultdict(dict)
    first_row: dict[tuple[int, int], int] = {}
    seen: dict[tuple[int, int, str], int] = {}

    def problem(number: int, message: str) -> None:
        problems.append(_("row %(row)d: %(message)s") % {"row": number, "message": message})

    for number, row in rows:
        email, receipt = row.get("evaluator", "").lower(), row.get("application", "")
        code, raw = row.get("criterion", ""), row.get("score", "")
        conflict = row.get("conflict", "").lower() in YES
        evaluator_id = evaluators.get(email)
        application_id = applications.get(receipt)
        if evaluator_id is None:
            problem(
                number, _("unknown evaluator %(email)r (not on this call's committee)") % {"email": email}
            )
        if application_id is None:
            problem(number, _("unknown application %(receipt)r") % {"receipt": receipt})
        if evaluator_id is None or application_id is None:
            continue
        key = (evaluator_id, application_id)
        first_row.setdefault(key, number)
        if key in closed:
            problem(
                number,
                _("the sheet of %(email)s for %(receipt)s is already submitted")
                % {"email": email, "receipt": receipt},
            )
            continue
        if conflict:
            if raw:
                problem(number, _("a score where a conflict is declared"))
            if declared.get(key) is False:
                problem(
                    number,
                    _("%(email)s already declared no conflict for %(receipt)s")
                    % {"email": email, "receipt": receipt},
                )
            conflicts.setdefault(key, number)
            continue
        if declared.get(key) is True:
            problem(number, _("a score where a conflict is declared"))
            continue
        criterion = criteria.get(code)
        if criterion is None:
            problem(number, _("unknown criterion %(code)r") % {"code": code})
            continue
        if (evaluator_id, application_id, code) in seen:
            problem(
                number,
                _("criterion %(code)s scored twice (also row %(other)d)")
                % {"code": code, "other": seen[(evaluator_id, application_id, code)]},
            )
            continue
        seen[(evaluator_id, application_id, code)] = number
        try:
            entry = check_entry(criterion, raw)
        except ValueError as error:
            problem(number, str(error))
            continue
        entries[key][code] = Entry(entry.points, entry.passes, row.get("comment", "")[:MAX_COMMENT])
    for key, number in conflicts.items():
        if entries.get(key):
            problem(number, _("a score where a conflict is declared"))
    for key, scored in entries.items():
        missing = [code for code in criteria if code not in scored]
        if missing and key not in conflicts:
            problem(
                first_row[key],
                _("the sheet starting here misses criteria %(codes)s") % {"codes": joined(missing)},
            )
    if problems:
        shown = problems[:SHOWN_PROBLEMS]
        if len(problems) > SHOWN_PROBLEMS:
            shown.append(_("… and %(count)d more") % {"count": len(problems) - SHOWN_PROBLEMS})
        raise EvaluationError(
            _("Nothing was imported: %(count)d errors.") % {"count": len(problems)}, problems=shown
        )
    return _store_import(
        evaluation=evaluation,
        entries=entries,
        conflicts=conflicts,
        declared=declared,
        criteria=criteria,
        actor=actor,
    )


def _store_import(
    *,
    evaluation: Evaluation,
    entries: dict[tuple[int, int], dict[str, Entry]],
    conflicts: dict[tuple[int, int], int],
    declared: dict[tuple[int, int], bool],
    criteria: dict[str, GridCriterion],
    actor: User | None,
) -> dict[str, int]:
    now = timezone.now()
    new_declarations = [
        ConflictDeclaration(evaluator_id=e, application_id=a, has_conflict=(e, a) in conflicts)
        for e, a in [*conflicts, *entries]
        if (e, a) not in declared
    ]
    ConflictDeclaration.objects.bulk_create(new_declarations)
    sheets = {
        (sheet.evaluator_id, sheet.application_id): sheet
        for sheet in ScoreSheet.objects.filter(
            application__call=evaluation.call, evaluator_id__in={e for e, _a in entries}
        )
    }
    to_create = [ScoreSheet(evaluator_id=e, application_id=a) for e, a in entries if (e, a) not in sheets]
    for sheet in ScoreSheet.objects.bulk_create(to_create):
        sheets[(sheet.evaluator_id, sheet.application_id)] = sheet
    # Re-read: not every database returns the new primary keys from bulk_create.
    sheets = {
        (sheet.evaluator_id, sheet.application_id): sheet
        for sheet in ScoreSheet.objects.filter(
            application__call=evaluation.call, evaluator_id__in={e for e, _a in entries}
        )
    }
    sheet_ids = [sheets[key].pk for key in entries]
    Score.objects.filter(sheet_id__in=sheet_ids).delete()
    Score.objects.bulk_create(
        [
            Score(
                sheet_id=sheets[key].pk,
                criterion=criteria[code],
                points=entry.points,
                passes=entry.passes,
                comment=entry.comment,
            )
            for key, scored in entries.items()
            for code, entry in scored.items()
        ],
        batch_size=2000,
    )
    ScoreSheet.objects.filter(pk__in=sheet_ids).update(
        status=SheetStatus.SUBMITTED, submitted_at=now, updated_at=now
    )
    touch(call_id=evaluation.call_id)
    if entries:
        _freeze(evaluation)
    counts = {
        "sheets": len(entries),
        "scores": sum(len(scored) for scored in entries.values()),
        "conflicts": len(conflicts),
    }
    write_audit(obj=evaluation, actor=actor, action="import_scores", data=counts)
    return counts
