"""Staff posts' shortlist and interviews (``interviews.py``): one page per
call for the committee (the chair shortlists, schedules and closes; the
evaluators find the interviews to score; the organisation's admins and
editors follow) and the interview sheet of one shortlisted applicant."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nidaa.accounts.selectors import signed_in
from nidaa.applications.models import Application
from nidaa.evaluation import interviews as services
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.models import ConflictDeclaration, Interview, InterviewCriterion, InterviewScore, Stage
from nidaa.evaluation.results import cached_results
from nidaa.evaluation.selectors import Seat, get_application_for_scoring
from nidaa.evaluation.view_helpers import seat_or_404, show_refusal


def _interview_seat(request: HttpRequest, call_id: int) -> Seat:
    seat = seat_or_404(request, call_id)
    if seat.evaluation is None or not seat.evaluation.interview:
        raise Http404
    return seat


def _starts_at(raw: str, zone: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError as error:
        raise EvaluationError(_("The interview needs a date and time.")) from error
    return value.replace(tzinfo=ZoneInfo(zone)) if timezone.is_naive(value) else value


@login_required
def interviews(request: HttpRequest, call_id: int) -> HttpResponse:
    """The shortlist and its interviews. POST: the chair's actions."""
    seat = _interview_seat(request, call_id)
    evaluation = seat.evaluation
    assert evaluation is not None
    call = seat.call
    if request.method == "POST":
        if not seat.is_chair:
            raise Http404
        action = request.POST.get("action")
        try:
            if action == "shortlist":
                services.shortlist(
                    call=call, receipts=request.POST.getlist("receipt"), actor=signed_in(request.user)
                )
                messages.success(request, _("The shortlist is recorded."))
            elif action == "schedule":
                application = Application.objects.select_related("call").get(
                    call=call, pk=request.POST.get("application", "")
                )
                services.schedule_interview(
                    application=application,
                    starts_at=_starts_at(request.POST.get("starts_at", ""), call.timezone),
                    place=request.POST.get("place", ""),
                    online_link=request.POST.get("online_link", ""),
                    actor=signed_in(request.user),
                )
                messages.success(request, _("The interview is scheduled; the applicant is told by e-mail."))
            elif action == "close":
                services.close_interviews(
                    call=call,
                    actor=signed_in(request.user),
                    note=request.POST.get("note", ""),
                    notify_others=request.POST.get("notify_others") == "on",
                )
                messages.success(request, _("The evaluation is decided."))
            else:
                raise Http404
        except (Application.DoesNotExist, ValueError) as error:
            raise Http404 from error
        except EvaluationError as error:
            show_refusal(request, error)
        return redirect("evaluation:interviews", call_id=call.pk)

    results = cached_results(evaluation)
    user = signed_in(request.user)
    shortlisted = {
        interview.application_id: interview
        for interview in Interview.objects.filter(application__call=call).order_by("starts_at", "pk")
    }
    sheets = {
        application_id
        for application_id in InterviewScore.objects.filter(
            evaluator=user, application__call=call
        ).values_list("application_id", flat=True)
    }
    declarations = dict(
        ConflictDeclaration.objects.filter(evaluator=user, application__call=call).values_list(
            "application_id", "has_conflict"
        )
    )
    zone = ZoneInfo(call.timezone)
    rows: list[dict[str, Any]] = []
    for row in results.rows:
        interview = shortlisted.get(row.application.pk)
        if interview is None and not (evaluation.stage == Stage.SCORING and row.ranked.qualified):
            continue
        rows.append(
            {
                "result": row,
                "interview": interview,
                "starts_at": timezone.localtime(interview.starts_at, zone)
                if interview is not None and interview.starts_at is not None
                else None,
                "scored": row.application.pk in sheets,
                "conflict": declarations.get(row.application.pk, False),
                "declared": row.application.pk in declarations,
            }
        )
    return render(
        request,
        "evaluation/interviews.html",
        {
            "seat": seat,
            "call": call,
            "evaluation": evaluation,
            "rows": rows,
            "criteria": InterviewCriterion.objects.filter(evaluation=evaluation),
            "language": (get_language() or "fr")[:2],
        },
    )


@login_required
def interview_sheet(request: HttpRequest, application_id: int) -> HttpResponse:
    """An evaluator's interview sheet for one shortlisted applicant, submitted
    once. Hidden (does not exist) from a conflicted evaluator."""
    try:
        application, seat = get_application_for_scoring(user=request.user, application_id=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error
    evaluation = seat.evaluation
    if evaluation is None or not evaluation.interview:
        raise Http404
    interview = Interview.objects.filter(application=application).first()
    if interview is None:
        raise Http404
    user = signed_in(request.user)
    criteria = list(InterviewCriterion.objects.filter(evaluation=evaluation))
    if request.method == "POST":
        entries = {
            criterion.code: (
                request.POST.get(f"points-{criterion.code}", ""),
                request.POST.get(f"comment-{criterion.code}", ""),
            )
            for criterion in criteria
        }
        try:
            services.score_interview(application=application, evaluator=user, entries=entries)
        except EvaluationError as error:
            show_refusal(request, error)
            return redirect("evaluation:interview_sheet", application_id=application.pk)
        messages.success(request, _("Your interview sheet is submitted."))
        return redirect("evaluation:interviews", call_id=application.call_id)
    mine = {
        score.criterion_id: score
        for score in InterviewScore.objects.filter(evaluator=user, application=application)
    }
    declared = ConflictDeclaration.objects.filter(
        evaluator=user, application=application, has_conflict=False
    ).exists()
    language = (get_language() or "fr")[:2]
    return render(
        request,
        "evaluation/interview_sheet.html",
        {
            "seat": seat,
            "call": application.call,
            "application": application,
            "evaluation": evaluation,
            "declared": declared,
            "open": evaluation.stage == Stage.INTERVIEW and not mine,
            "rows": [
                (criterion, criterion.label(language), mine.get(criterion.pk)) for criterion in criteria
            ],
        },
    )
