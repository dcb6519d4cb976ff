"""The chair's side: moderations, compliance overrides, the two envelopes,
the closing of the stages and the decision.

The evaluation's stage is data (``STAGE_WORKFLOW``), moved only by
``apply_transition``, which writes the audit entry: scoring → financial (the
chair closes the technical evaluation, the qualified's financial envelopes
open) → decided (the chair closes the financial evaluation: the ranking is
recorded per application and the call moves to awarded).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nidaa.accounts.models import User
from nidaa.applications.models import Application
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.workflow import CALL_WORKFLOW
from nidaa.common.lists import joined
from nidaa.common.tasks import enqueue_on_commit
from nidaa.common.workflow import Transition, TransitionNotAllowed, Workflow, apply_transition, write_audit
from nidaa.evaluation.committee import CHAIR, OPERATOR, committee_role, is_chair_role
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.models import (
    ComplianceCheck,
    ComplianceOverride,
    EnvelopeOpening,
    Evaluation,
    FinancialOffer,
    Moderation,
    Outcome,
    Stage,
)
from nidaa.evaluation.results import Results, compute_results, open_envelopes, submitted, touch
from nidaa.evaluation.sheets import SHOWN_PROBLEMS, check_entry, scorable_criteria
from nidaa.evaluation.tasks import generate_minutes_task, send_outcome_notices_task
from nidaa.scoring import Decision

CHAIRS = frozenset({CHAIR, OPERATOR})
STAGE_WORKFLOW = Workflow(
    [
        Transition(Stage.SCORING, Stage.FINANCIAL, "close_technical", CHAIRS),
        Transition(Stage.FINANCIAL, Stage.DECIDED, "close_financial", CHAIRS),
        # Staff posts (interviews.py): a shortlist, interviews, then the decision.
        Transition(Stage.SCORING, Stage.INTERVIEW, "shortlist", CHAIRS),
        Transition(Stage.INTERVIEW, Stage.DECIDED, "close_interviews", CHAIRS),
    ]
)
CURRENCY = "MAD"
MAX_AMOUNT = Decimal("1e13")


def chair_only(actor: User | None, call: Call) -> str:
    role = committee_role(actor, call)
    if not is_chair_role(role):
        raise EvaluationError(_("Only the committee's chair can do this."))
    assert role is not None
    return role


def locked(call: Call, stage: str = Stage.SCORING) -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().select_related("call").filter(call=call).first()
    if evaluation is None:
        raise EvaluationError(_("This call has no evaluation grid yet."))
    if evaluation.stage != stage:
        raise EvaluationError(
            _("Not possible at this stage of the evaluation (%(stage)s).")
            % {"stage": evaluation.get_stage_display()}
        )
    return evaluation


@transaction.atomic
def moderate(
    *,
    application: Application,
    criterion_code: str,
    reason: str,
    actor: User | None,
    consensus: str | None = None,
    verdict: bool | None = None,
) -> Moderation:
    """Record the committee's consensus score for a scored criterion (it
    replaces the mean) or the chair's verdict for an eliminatory one."""
    call = application.call
    chair_only(actor, call)
    evaluation = locked(call)
    if not reason.strip():
        raise EvaluationError(_("A moderation needs its reason."))
    criterion = scorable_criteria(evaluation).get(criterion_code)
    if criterion is None:
        raise EvaluationError(_("Unknown criterion %(code)s.") % {"code": criterion_code})
    try:
        if criterion.eliminatory:
            if verdict is None:
                raise ValueError(
                    _("criterion %(code)s is eliminatory: pass or fail") % {"code": criterion.code}
                )
            entry_points, entry_verdict = None, verdict
        else:
            entry = check_entry(criterion, consensus or "")
            entry_points, entry_verdict = entry.points, None
    except ValueError as error:
        raise EvaluationError(str(error)) from error
    moderation, _created = Moderation.objects.update_or_create(
        application=application,
        criterion=criterion,
        defaults={
            "consensus": entry_points,
            "verdict": entry_verdict,
            "reason": reason.strip(),
            "recorded_by": actor,
        },
    )
    touch(call_id=evaluation.call_id)
    write_audit(
        obj=application,
        actor=actor,
        action="moderate",
        data={
            "criterion": criterion.code,
            "consensus": None if entry_points is None else str(entry_points),
            "verdict": entry_verdict,
            "reason": reason.strip(),
        },
    )
    return moderation


@transaction.atomic
def override_compliance(
    *, application: Application, requirement: str, value: bool, reason: str, actor: User | None
) -> ComplianceOverride:
    """The committee's written override of an application's late or
    missing-pieces flag."""
    call = application.call
    chair_only(actor, call)
    evaluation = locked(call)
    if requirement not in ComplianceCheck.values:
        raise EvaluationError(_("Unknown requirement %(name)s.") % {"name": requirement})
    if not reason.strip():
        raise EvaluationError(_("An override needs its reason."))
    override, _created = ComplianceOverride.objects.update_or_create(
        application=application,
        requirement=requirement,
        defaults={"value": value, "reason": reason.strip(), "recorded_by": actor},
    )
    touch(call_id=evaluation.call_id)
    write_audit(
        obj=application,
        actor=actor,
        action="override_compliance",
        data={"requirement": requirement, "value": value, "reason": reason.strip()},
    )
    return override


def require_every_application_scored(results: Results) -> None:
    """Closing the file evaluation (by the financial opening or by the
    shortlist) needs every application scored or eliminated."""
    pending = [
        row.application.receipt_number for row in results.rows if row.ranked.decision is Decision.PENDING
    ]
    if pending:
        raise EvaluationError(
            _("Not every application is scored yet: %(receipts)s.")
            % {"receipts": joined(pending[:SHOWN_PROBLEMS])}
        )


@transaction.atomic
def close_technical(*, call: Call, actor: User | None) -> Evaluation:
    """Close the technical evaluation: every application must be scored (or
    eliminated); the financial envelopes of the qualified open."""
    role = chair_only(actor, call)
    evaluation = locked(call)
    if evaluation.interview:
        raise EvaluationError(
            _("This call has an interview stage: the file evaluation closes with the shortlist.")
        )
    results = compute_results(evaluation)
    require_every_application_scored(results)
    evaluation.technical_closed_at = timezone.now()
    qualified = [row.application.receipt_number for row in results.rows if row.ranked.qualified]
    # The envelopes this close opens, kept so the offers' files open with them.
    evaluation.stage = Stage.FINANCIAL
    opened = open_envelopes(evaluation, results.grid, [row.ranked for row in results.rows])
    evaluation.stage = Stage.SCORING
    EnvelopeOpening.objects.bulk_create(
        [
            EnvelopeOpening(application_id=row.application.pk, opened_by=actor)
            for row in results.rows
            if row.application.receipt_number in opened
        ],
        ignore_conflicts=True,
    )
    apply_transition(
        workflow=STAGE_WORKFLOW,
        obj=evaluation,
        field="stage",
        target=Stage.FINANCIAL,
        actor=actor,
        role=role,
        data={"qualified": qualified, "opened": sorted(opened)},
        extra_update_fields=["technical_closed_at", "updated_at"],
    )
    return evaluation


def parse_amount(raw: str, what: str) -> Decimal:
    try:
        value = Decimal(raw.replace(" ", "").replace("\u202f", "").replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(_("%(what)s %(value)r is not a number") % {"what": what, "value": raw}) from error
    if not value.is_finite() or value <= 0 or value > MAX_AMOUNT:
        raise ValueError(_("%(what)s %(value)s is out of range") % {"what": what, "value": raw})
    return value


def _opened_receipts(evaluation: Evaluation) -> set[str]:
    results = compute_results(evaluation)
    return {row.application.receipt_number for row in results.rows if row.envelope_open}


def _record_offer(
    *, application: Application, amount: Decimal, currency: str, rate: Decimal, actor: User | None
) -> FinancialOffer:
    amount_mad = (amount * rate).quantize(Decimal("0.01"))
    offer, _created = FinancialOffer.objects.update_or_create(
        application=application,
        defaults={
            "amount": amount,
            "currency": currency,
            "rate": rate,
            "amount_mad": amount_mad,
            "recorded_by": actor,
        },
    )
    touch(call_id=application.call_id)
    write_audit(
        obj=application,
        actor=actor,
        action="record_offer",
        data={"amount": str(amount), "currency": currency, "rate": str(rate), "amount_mad": str(amount_mad)},
    )
    return offer


@transaction.atomic
def record_offer(
    *, application: Application, amount: str, currency: str = CURRENCY, rate: str = "", actor: User | None
) -> FinancialOffer:
    """Record the amount read from an opened financial offer."""
    call = application.call
    chair_only(actor, call)
    evaluation = locked(call, Stage.FINANCIAL)
    if application.receipt_number not in _opened_receipts(evaluation):
        raise EvaluationError(_("This application's financial offer is not opened (not qualified)."))
    try:
        value, currency, conversion = _checked_offer(amount, currency, rate)
    except ValueError as error:
        raise EvaluationError(str(error)) from error
    return _record_offer(
        application=application, amount=value, currency=currency, rate=conversion, actor=actor
    )


def _checked_offer(amount: str, currency: str, rate: str) -> tuple[Decimal, str, Decimal]:
    value = parse_amount(amount, _("amount"))
    currency = (currency or CURRENCY).strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise ValueError(_("currency %(value)r is not a three-letter code") % {"value": currency})
    if currency == CURRENCY:
        return value, currency, Decimal(1)
    if not rate.strip():
        raise ValueError(_("an amount in %(currency)s needs its rate to MAD") % {"currency": currency})
    return value, currency, parse_amount(rate, _("rate"))


@transaction.atomic
def import_prices(*, call: Call, rows: list[tuple[int, dict[str, str]]], actor: User | None) -> int:
    """Record the amounts of a prices file (``application``, ``amount``,
    ``currency``, ``rate``); refused before the technical evaluation is closed
    and for applications whose envelope is not opened. All or nothing."""
    chair_only(actor, call)
    evaluation = Evaluation.objects.filter(call=call).first()
    if evaluation is not None and evaluation.stage == Stage.SCORING:
        raise EvaluationError(
            _("The financial offers stay closed until the chair closes the technical evaluation.")
        )
    evaluation = locked(call, Stage.FINANCIAL)
    opened = _opened_receipts(evaluation)
    applications = {
        application.receipt_number: application for application in submitted(call).select_related("call")
    }
    problems: list[str] = []
    offers = []
    seen: dict[str, int] = {}
    for number, row in rows:
        receipt = row.get("application", "")
        where = _("row %(row)d: ") % {"row": number}
        if receipt not in applications:
            problems.append(where + _("unknown application %(receipt)r") % {"receipt": receipt})
            continue
        if receipt not in opened:
            problems.append(
                where + _("%(receipt)s is not qualified: its offer stays closed") % {"receipt": receipt}
            )
            continue
        if receipt in seen:
            problems.append(
                where
                + _("%(receipt)s twice (also row %(other)d)") % {"receipt": receipt, "other": seen[receipt]}
            )
            continue
        seen[receipt] = number
        try:
            offers.append(
                (
                    applications[receipt],
                    *_checked_offer(row.get("amount", ""), row.get("currency", ""), row.get("rate", "")),
                )
            )
        except ValueError as error:
            problems.append(where + str(error))
    if problems:
        raise EvaluationError(
            _("Nothing was imported: %(count)d errors.") % {"count": len(problems)},
            problems=problems[:SHOWN_PROBLEMS],
        )
    for application, amount, currency, rate in offers:
        _record_offer(application=application, amount=amount, currency=currency, rate=rate, actor=actor)
    return len(offers)


@transaction.atomic
def close_financial(
    *, call: Call, actor: User | None, note: str = "", notify_others: bool = False
) -> list[Outcome]:
    """Rank by the call's method, record each application's outcome, close
    the evaluation, move the call to awarded (when a candidate is retained)
    and queue the notices. Every opened offer must have its amount."""
    role = chair_only(actor, call)
    evaluation = locked(call, Stage.FINANCIAL)
    results = compute_results(evaluation)
    missing = [
        row.application.receipt_number for row in results.rows if row.envelope_open and row.offer is None
    ]
    if missing:
        raise EvaluationError(
            _("Record the amounts of the opened offers first: %(receipts)s.") % {"receipts": joined(missing)}
        )
    return record_decision(
        call=call, evaluation=evaluation, results=results, actor=actor, role=role, note=note,
        notify_others=notify_others,
    )  # fmt: skip


def record_decision(
    *,
    call: Call,
    evaluation: Evaluation,
    results: Results,
    actor: User | None,
    role: str,
    note: str,
    notify_others: bool,
) -> list[Outcome]:
    """The last step of every evaluation: each application's outcome as
    ranked, the stage moved to decided, the call awarded when someone is
    retained, the notices and the minutes queued."""
    ranked = {row.application.receipt_number: row.ranked for row in results.rows}
    rows = results.rows
    Outcome.objects.filter(application__call=call).delete()
    outcomes = Outcome.objects.bulk_create(
        [
            Outcome(
                application_id=row.application.pk,
                decision=ranked[row.application.receipt_number].decision.value,
                rank=ranked[row.application.receipt_number].rank,
                technical_score=_cents(ranked[row.application.receipt_number].technical_score),
                financial_score=_cents(ranked[row.application.receipt_number].financial_score),
                combined_score=_cents(ranked[row.application.receipt_number].combined_score),
                interview_score=_cents(ranked[row.application.receipt_number].interview_score),
            )
            for row in rows
        ]
    )
    evaluation.decided_at = timezone.now()
    evaluation.decision_note = note.strip()
    receipts = {row.application.pk: row.application.receipt_number for row in rows}
    retained = [
        receipts[outcome.application_id] for outcome in outcomes if outcome.decision == Decision.RETAINED
    ]
    apply_transition(
        workflow=STAGE_WORKFLOW,
        obj=evaluation,
        field="stage",
        target=Stage.DECIDED,
        actor=actor,
        role=role,
        data={"retained": retained, **({"note": note.strip()} if note.strip() else {})},
        extra_update_fields=["decided_at", "decision_note", "updated_at"],
    )
    if retained:
        _award(call=call, actor=actor)
    enqueue_on_commit(send_outcome_notices_task, call.pk, notify_others)
    if not settings.HUEY.get("immediate"):
        # With a worker, the minutes are printed now, so the first download is
        # instant; in-process (no broker) the first download prints them.
        enqueue_on_commit(generate_minutes_task, call.pk)
    return outcomes


def _cents(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def _award(*, call: Call, actor: User | None) -> None:
    # The committee's recorded decision is what awards the call: the chair (an
    # evaluator, not an editor) moves it through the call's own workflow with
    # the rights of the organisation that delegated the decision to them.
    call.refresh_from_db(fields=["status"])
    try:
        if call.status == CallStatus.PUBLISHED:
            apply_transition(
                workflow=CALL_WORKFLOW, obj=call, field="status", target=CallStatus.CLOSED,
                actor=actor, role="admin", data={"by": "evaluation"}, extra_update_fields=["updated_at"],
            )  # fmt: skip
        apply_transition(
            workflow=CALL_WORKFLOW, obj=call, field="status", target=CallStatus.AWARDED,
            actor=actor, role="admin", data={"by": "evaluation"}, extra_update_fields=["updated_at"],
        )  # fmt: skip
    except TransitionNotAllowed as error:
        raise EvaluationError(_("The call cannot be awarded from its current status.")) from error


__all__ = [
    "close_financial",
    "close_technical",
    "import_prices",
    "moderate",
    "open_envelopes",
    "override_compliance",
    "record_offer",
]
