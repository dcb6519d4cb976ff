"""Staff posts' shortlist and interviews (a call whose grid has an
``interview`` part; method CQS: no financial envelope).

The stage moves through ``decisions.STAGE_WORKFLOW``: scoring → interview
(the chair shortlists among the technically qualified, which closes the file
evaluation) → decided (the chair closes the interviews: the ranking on
``file_weight x file score + interview_weight x interview score``, see
``nidaa.scoring.interview``, is recorded and the call awarded). Between the
two, the chair schedules each interview (date and time, place or online
link; the applicant is told by e-mail in their language, after commit) and
each evaluator without a conflict submits their interview sheet once.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nidaa.accounts.models import User
from nidaa.applications.models import Application
from nidaa.calls.models import Call
from nidaa.common.lists import joined
from nidaa.common.tasks import enqueue_on_commit
from nidaa.common.workflow import apply_transition, write_audit
from nidaa.evaluation.committee import CHAIR, EVALUATOR, committee_role
from nidaa.evaluation.decisions import (
    STAGE_WORKFLOW,
    chair_only,
    locked,
    record_decision,
    require_every_application_scored,
)
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    Interview,
    InterviewCriterion,
    InterviewScore,
    Outcome,
    Stage,
)
from nidaa.evaluation.results import compute_results, touch
from nidaa.evaluation.sheets import SHOWN_PROBLEMS, check_points
from nidaa.evaluation.tasks import send_interview_notice_task
from nidaa.scoring import Decision

MAX_PLACE = 300


def _interview_call(call: Call, stage: str) -> Evaluation:
    evaluation = locked(call, stage)
    if not evaluation.interview:
        raise EvaluationError(_("This call's grid has no interview stage."))
    return evaluation


@transaction.atomic
def shortlist(*, call: Call, receipts: list[str] | None, actor: User | None) -> list[Interview]:
    """Close the file evaluation of a call with an interview stage and
    shortlist ``receipts`` (None: every technically qualified applicant).
    Every application must be scored (or eliminated); only the qualified can
    be shortlisted."""
    role = chair_only(actor, call)
    evaluation = _interview_call(call, Stage.SCORING)
    results = compute_results(evaluation)
    require_every_application_scored(results)
    qualified = {
        row.application.receipt_number: row.application.pk for row in results.rows if row.ranked.qualified
    }
    wanted = list(dict.fromkeys(receipts)) if receipts is not None else list(qualified)
    refused = [receipt for receipt in wanted if receipt not in qualified]
    if refused:
        raise EvaluationError(
            _("Only the technically qualified can be shortlisted: %(receipts)s.")
            % {"receipts": joined(refused[:SHOWN_PROBLEMS])}
        )
    if not wanted:
        raise EvaluationError(_("The shortlist is empty."))
    interviews = Interview.objects.bulk_create(
        [Interview(application_id=qualified[receipt]) for receipt in wanted]
    )
    evaluation.technical_closed_at = timezone.now()
    apply_transition(
        workflow=STAGE_WORKFLOW,
        obj=evaluation,
        field="stage",
        target=Stage.INTERVIEW,
        actor=actor,
        role=role,
        data={"shortlisted": wanted},
        extra_update_fields=["technical_closed_at", "updated_at"],
    )
    return interviews


@transaction.atomic
def schedule_interview(
    *,
    application: Application,
    starts_at: datetime,
    place: str = "",
    online_link: str = "",
    actor: User | None,
) -> Interview:
    """Set a shortlisted applicant's interview (a place, an online link, or
    both) and e-mail them, after commit, in their language. Rescheduling
    sends a new notice."""
    chair_only(actor, application.call)
    _interview_call(application.call, Stage.INTERVIEW)
    interview = Interview.objects.select_for_update().filter(application=application).first()
    if interview is None:
        raise EvaluationError(_("This application is not on the shortlist."))
    if timezone.is_naive(starts_at):
        raise EvaluationError(_("The interview needs a date and time."))
    place, online_link = place.strip()[:MAX_PLACE], online_link.strip()
    if not place and not online_link:
        raise EvaluationError(_("Say where the interview takes place, or give its online link."))
    if online_link and not online_link.startswith("https://"):
        raise EvaluationError(_("The online link starts with https://."))
    interview.starts_at, interview.place, interview.online_link = starts_at, place, online_link
    interview.notified_at = None
    interview.save(update_fields=["starts_at", "place", "online_link", "notified_at"])
    touch(call_id=application.call_id)
    write_audit(
        obj=application,
        actor=actor,
        action="schedule_interview",
        data={"starts_at": starts_at.isoformat(), "place": place, "online_link": online_link},
    )
    enqueue_on_commit(send_interview_notice_task, interview.pk)
    return interview


@transaction.atomic
def score_interview(
    *, application: Application, evaluator: User, entries: dict[str, tuple[str, str]]
) -> list[InterviewScore]:
    """Record ``evaluator``'s interview sheet for a shortlisted applicant:
    every criterion of the interview grid, ``code -> (points, comment)``.
    They must have declared no conflict for the application; a sheet is
    submitted once."""
    call = application.call
    if committee_role(evaluator, call) not in (CHAIR, EVALUATOR):
        raise EvaluationError(_("Only the committee's evaluators score."))
    evaluation = _interview_call(call, Stage.INTERVIEW)
    if not Interview.objects.filter(application=application).exists():
        raise EvaluationError(_("This application is not on the shortlist."))
    declared = ConflictDeclaration.objects.filter(evaluator=evaluator, application=application).first()
    if declared is None or declared.has_conflict:
        raise EvaluationError(_("Declare that you have no conflict of interest with this application first."))
    if InterviewScore.objects.filter(evaluator=evaluator, application=application).exists():
        raise EvaluationError(_("Your interview sheet for this application is already submitted."))
    criteria = list(InterviewCriterion.objects.filter(evaluation=evaluation))
    problems = []
    scores = []
    for criterion in criteria:
        raw, comment = entries.get(criterion.code, ("", ""))
        try:
            points = check_points(criterion, raw)
        except ValueError as error:
            problems.append(f"{criterion.code}: {error}")
            continue
        scores.append(
            InterviewScore(
                evaluator=evaluator,
                application=application,
                criterion=criterion,
                points=points,
                comment=comment[:2000],
            )
        )
    if problems:
        raise EvaluationError(_("The interview sheet is not complete."), problems=problems)
    created = InterviewScore.objects.bulk_create(scores)
    touch(call_id=call.pk)
    write_audit(
        obj=application,
        actor=evaluator,
        action="score_interview",
        data={score.criterion.code: str(score.points) for score in created},
    )
    return created


@transaction.atomic
def close_interviews(
    *, call: Call, actor: User | None, note: str = "", notify_others: bool = False
) -> list[Outcome]:
    """Rank the interviewed on their final score, record each outcome, award
    the call and queue the notices. Every shortlisted applicant must have been
    scored by at least one evaluator."""
    role = chair_only(actor, call)
    evaluation = _interview_call(call, Stage.INTERVIEW)
    results = compute_results(evaluation)
    waiting = [
        row.application.receipt_number
        for row in results.rows
        if row.ranked.shortlisted and row.ranked.decision is Decision.PENDING
    ]
    if waiting:
        raise EvaluationError(
            _("Not every shortlisted applicant has an interview score yet: %(receipts)s.")
            % {"receipts": joined(waiting[:SHOWN_PROBLEMS])}
        )
    return record_decision(
        call=call, evaluation=evaluation, results=results, actor=actor, role=role, note=note,
        notify_others=notify_others,
    )  # fmt: skip
