"""The committee's pages: the grid editor, the evaluator's board and scoring
page, and the chair's consolidation page (moderation, compliance, the two
envelopes, the decision). Views load through ``selectors``, call one
service, and redirect; refusals from the services are shown as messages."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST, require_safe

from nidaa.accounts.members import too_many_invitations
from nidaa.accounts.selectors import EDIT_ROLES, signed_in
from nidaa.applications.access import is_sealed, sealed_offers
from nidaa.applications.exports import content_type_for, piece_label
from nidaa.applications.models import Application, ApplicationFile
from nidaa.calls.models import Call
from nidaa.calls.selectors import get_call_for_user
from nidaa.common.downloads import attachment_response
from nidaa.evaluation import decisions, sheets
from nidaa.evaluation.committee import assign_committee
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.exports import results_xlsx
from nidaa.evaluation.grids import (
    LANGUAGES,
    parse_grid_spec,
    propose_grid,
    save_grid_template,
    set_grid,
    spec_as_json,
    spec_of,
)
from nidaa.evaluation.minutes import LANGUAGES as MINUTES_LANGUAGES
from nidaa.evaluation.minutes import stored_minutes
from nidaa.evaluation.models import (
    ComplianceCheck,
    ConflictDeclaration,
    Evaluation,
    EvaluatorAssignment,
    GridTemplate,
    Method,
    ScoreSheet,
    SheetStatus,
    Stage,
)
from nidaa.evaluation.results import applicant_label, cached_results, submitted
from nidaa.evaluation.selectors import (
    Seat,
    calls_on_committee,
    evaluator_board,
    get_application_for_scoring,
)
from nidaa.evaluation.view_helpers import seat_or_404, show_refusal

EXTRA_ROWS = 4
SORTS = ("rank", "disagreement", "technical", "receipt")
PAGE_SIZE = 50


@login_required
@require_safe
def my_evaluations(request: HttpRequest) -> HttpResponse:
    calls = (
        calls_on_committee(request.user).select_related("organization", "evaluation").order_by("-deadline")
    )
    return render(request, "evaluation/my_evaluations.html", {"calls": calls})


# --- the grid ----------------------------------------------------------------


def _grid_from_post(request: HttpRequest) -> dict[str, Any]:
    post = request.POST
    codes = post.getlist("code")
    criteria = []
    for index, code in enumerate(codes):
        code = code.strip()
        if not code:
            continue
        eliminatory = str(index) in post.getlist("eliminatory")
        item: dict[str, Any] = {
            "code": code,
            "label": {language: post.getlist(f"label_{language}")[index].strip() for language in LANGUAGES},
            "eliminatory": eliminatory,
        }
        if not eliminatory:
            item["max"] = post.getlist("max")[index].strip().replace(",", ".") or "0"
        parent = post.getlist("parent")[index].strip()
        if parent:
            item["parent"] = parent
        criteria.append(item)
    budget = post.get("budget", "").strip().replace(",", ".")
    interview: dict[str, Any] = {}
    if post.get("interview") == "on":
        interview_criteria = [
            {
                "code": code.strip(),
                "label": {
                    language: post.getlist(f"i_label_{language}")[index].strip() for language in LANGUAGES
                },
                "max": post.getlist("i_max")[index].strip().replace(",", ".") or "0",
            }
            for index, code in enumerate(post.getlist("i_code"))
            if code.strip()
        ]
        interview = {
            "interview": {
                "file_weight": post.get("file_weight", "").strip().replace(",", ".") or "0",
                "interview_weight": post.get("interview_weight", "").strip().replace(",", ".") or "0",
                "criteria": interview_criteria,
            }
        }
    return {
        "method": post.get("method", ""),
        "technical_weight": post.get("technical_weight", "").strip().replace(",", ".") or "0",
        "financial_weight": post.get("financial_weight", "").strip().replace(",", ".") or "0",
        "pass_mark": post.get("pass_mark", "").strip().replace(",", ".") or "0",
        "budget": budget or None,
        "disagreement_share": str(
            Decimal(post.get("disagreement_percent", "20").strip().replace(",", ".") or "20") / 100
        ),
        "blind": post.get("blind") == "on",
        "retain": int(post.get("retain", "1") or "1") if post.get("retain", "1").isdigit() else 0,
        "criteria": criteria,
        **interview,
    }


@login_required
def grid(request: HttpRequest, call_id: int) -> HttpResponse:
    """The grid editor: the call's admins/editors and its chair; proposed
    from the call's extracted requirements until a grid is saved."""
    seat = seat_or_404(request, call_id)
    if seat.role not in ("chair", "issuer"):
        raise Http404
    evaluation = seat.evaluation
    templates = GridTemplate.objects.filter(organization_id=seat.call.organization_id)
    if request.method == "POST" and request.POST.get("action") == "save_template":
        if evaluation is None:
            raise Http404
        try:
            save_grid_template(
                evaluation=evaluation, name=request.POST.get("name", ""), actor=signed_in(request.user)
            )
        except EvaluationError as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("The grid is kept as a template of your organisation."))
        return redirect("evaluation:grid", call_id=seat.call.pk)
    if request.method == "POST":
        try:
            data = _grid_from_post(request)
            set_grid(
                call=seat.call,
                spec=parse_grid_spec(data),
                actor=signed_in(request.user),
                reason=request.POST.get("reason", ""),
            )
        except (EvaluationError, ArithmeticError, ValueError, IndexError) as error:
            if isinstance(error, EvaluationError):
                show_refusal(request, error)
            else:
                messages.error(request, _("Check the numbers of the grid."))
        else:
            messages.success(request, _("The grid is saved."))
            return redirect("evaluation:grid", call_id=seat.call.pk)
    chosen = request.GET.get("template", "")
    template = templates.filter(pk=int(chosen)).first() if chosen.isdigit() else None
    if template is not None:
        current = template.spec  # a starting point: nothing is saved until the form is
    else:
        current = spec_as_json(spec_of(evaluation)) if evaluation else propose_grid(seat.call)
    rows = [
        {
            "code": item["code"],
            "label": item["label"],
            "max": item.get("max", ""),
            "eliminatory": item.get("eliminatory", False),
            "parent": item.get("parent", ""),
        }
        for item in current["criteria"]
    ]
    rows += [{"code": "", "label": {}, "max": "", "eliminatory": False, "parent": ""}] * EXTRA_ROWS
    interview_rows = [
        {"code": item["code"], "label": item["label"], "max": item.get("max", "")}
        for item in current.get("interview", {}).get("criteria", [])
    ] + [{"code": "", "label": {}, "max": ""}] * EXTRA_ROWS
    return render(
        request,
        "evaluation/grid.html",
        {
            "seat": seat,
            "call": seat.call,
            "evaluation": evaluation,
            "grid": current,
            "disagreement_percent": Decimal(str(current["disagreement_share"])) * 100,
            "rows": rows,
            "interview_rows": interview_rows,
            "methods": Method.choices,
            "proposed": evaluation is None and template is None,
            "template": template,
            "templates": templates,
            "frozen": evaluation is not None and evaluation.frozen_at is not None,
        },
    )


# --- the evaluator -------------------------------------------------------------


@login_required
@require_safe
def board(request: HttpRequest, call_id: int) -> HttpResponse:
    """An evaluator's list of the call's applications and what they did on each."""
    seat = seat_or_404(request, call_id)
    sealed = is_sealed(seat.call)
    rows = [] if sealed or not seat.scores else evaluator_board(seat=seat, user=signed_in(request.user))
    return render(
        request,
        "evaluation/board.html",
        {"seat": seat, "call": seat.call, "rows": rows, "sealed": sealed, "evaluation": seat.evaluation},
    )


def _criteria_rows(evaluation: Evaluation, sheet: ScoreSheet | None) -> list[dict[str, Any]]:
    language = (get_language() or "fr")[:2]
    scores = {score.criterion_id: score for score in sheet.scores.all()} if sheet else {}
    criteria = sheets.scorable_criteria(evaluation)
    return [
        {
            "criterion": criterion,
            "label": criterion.label(language),
            "score": scores.get(criterion.pk),
        }
        for criterion in criteria.values()
    ]


@login_required
def score(request: HttpRequest, application_id: int) -> HttpResponse:
    """Declare (no) conflict, then score each criterion with a comment beside
    the application's files; the others' scores appear once submitted."""
    try:
        application, seat = get_application_for_scoring(user=request.user, application_id=application_id)
    except Application.DoesNotExist as error:
        raise Http404 from error
    user = signed_in(request.user)
    evaluation = seat.evaluation
    assert evaluation is not None
    declaration = ConflictDeclaration.objects.filter(evaluator=user, application=application).first()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "declare":
                conflict = request.POST.get("conflict") == "yes"
                sheets.declare_conflict(
                    application=application,
                    evaluator=user,
                    conflict=conflict,
                    note=request.POST.get("note", ""),
                )
                if conflict:
                    messages.success(
                        request,
                        _("Your conflict of interest is recorded: the application is hidden from you."),
                    )
                    return redirect("evaluation:board", call_id=application.call_id)
            elif action in ("save", "submit"):
                entries = {}
                for code, criterion in sheets.scorable_criteria(evaluation).items():
                    raw = request.POST.get(f"score_{code}", "").strip()
                    comment = request.POST.get(f"comment_{code}", "")
                    try:
                        entry = sheets.check_entry(criterion, raw) if raw else sheets.Entry()
                    except ValueError as error:
                        raise EvaluationError(
                            _("%(code)s: %(message)s") % {"code": code, "message": error}
                        ) from error
                    entries[code] = sheets.Entry(entry.points, entry.passes, comment)
                sheets.save_sheet(
                    application=application,
                    evaluator=user,
                    entries=entries,
                    submit=action == "submit",
                )
                messages.success(
                    request,
                    _("Your sheet is submitted.") if action == "submit" else _("Your draft is saved."),
                )
        except EvaluationError as error:
            show_refusal(request, error)
        return redirect("evaluation:score", application_id=application.pk)
    sheet = (
        ScoreSheet.objects.filter(evaluator=user, application=application).prefetch_related("scores").first()
    )
    submitted = sheet is not None and sheet.status == SheetStatus.SUBMITTED
    context: dict[str, Any] = {
        "application": application,
        "seat": seat,
        "call": application.call,
        "evaluation": evaluation,
        "declaration": declaration,
        "sheet": sheet,
        "submitted": submitted,
        "editable": not submitted and evaluation.stage == Stage.SCORING,
        "name": application.receipt_number if seat.blind else applicant_label(application),
    }
    if declaration is not None and not declaration.has_conflict:
        context["rows"] = _criteria_rows(evaluation, sheet)
        context["files"] = list(
            ApplicationFile.objects.filter(application=application, version__is_latest=True)
            .exclude(sealed_offers())
            .order_by("piece", "id")
        )
        context["pdf"] = next((f for f in context["files"] if f.content_type == "pdf"), None)
        for item in context["files"]:
            item.piece_label = piece_label(item.piece)
    if submitted:
        # Only now: the consolidation of this application, everyone's scores.
        results = cached_results(evaluation)
        context["consolidation"] = results.by_receipt[application.receipt_number].consolidation
        context["criteria"] = sheets.scorable_criteria(evaluation)
    return render(request, "evaluation/score.html", context)


@login_required
@require_safe
@xframe_options_sameorigin
def file_inline(request: HttpRequest, application_id: int, file_id: int) -> FileResponse:
    """A PDF of the application shown beside the scoring form (same origin
    only); other types are downloaded as attachments."""
    try:
        application, _seat = get_application_for_scoring(user=request.user, application_id=application_id)
        record = ApplicationFile.objects.exclude(sealed_offers()).get(
            pk=file_id, application=application, version__is_latest=True
        )
    except (Application.DoesNotExist, ApplicationFile.DoesNotExist) as error:
        raise Http404 from error
    if not ConflictDeclaration.objects.filter(
        evaluator=signed_in(request.user), application=application, has_conflict=False
    ).exists():
        raise Http404  # declare first
    try:
        handle = record.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    if record.content_type != "pdf":
        return attachment_response(
            handle, filename=record.original_name, content_type=content_type_for(record)
        )
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- the chair -------------------------------------------------------------------


def _chair_action(request: HttpRequest, seat: Seat) -> None:
    post = request.POST
    action = post.get("action", "")
    actor = signed_in(request.user)
    application = None
    if post.get("receipt"):
        application = (
            submitted(seat.call).select_related("call").filter(receipt_number=post["receipt"].strip()).first()
        )
        if application is None:
            raise EvaluationError(
                _("unknown application %(receipt)r") % {"receipt": post["receipt"].strip()[:40]}
            )
    elif post.get("application"):
        try:
            application = submitted(seat.call).select_related("call").get(pk=int(post["application"]))
        except (Application.DoesNotExist, ValueError) as error:
            raise Http404 from error
    if action in ("moderate", "override", "offer") and application is None:
        raise Http404
    if action == "moderate":
        assert application is not None
        verdict = {"pass": True, "fail": False}.get(post.get("verdict", ""))
        decisions.moderate(
            application=application,
            criterion_code=post.get("criterion", ""),
            consensus=post.get("consensus", ""),
            verdict=verdict,
            reason=post.get("reason", ""),
            actor=actor,
        )
        messages.success(request, _("The moderation is recorded."))
    elif action == "override":
        assert application is not None
        decisions.override_compliance(
            application=application,
            requirement=post.get("requirement", ""),
            value=post.get("value") == "yes",
            reason=post.get("reason", ""),
            actor=actor,
        )
        messages.success(request, _("The override is recorded."))
    elif action == "reopen":
        if application is None:
            raise Http404
        try:
            sheet = ScoreSheet.objects.select_related("application__call").get(
                application=application, evaluator_id=int(post.get("evaluator", ""))
            )
        except (ScoreSheet.DoesNotExist, ValueError) as error:
            raise EvaluationError(_("This sheet is not submitted.")) from error
        sheets.reopen_sheet(sheet=sheet, actor=actor, reason=post.get("reason", ""))
        messages.success(request, _("The sheet is reopened."))
    elif action == "close_technical":
        decisions.close_technical(call=seat.call, actor=actor)
        messages.success(
            request, _("The technical evaluation is closed: the qualified's financial offers are open.")
        )
    elif action == "offer":
        assert application is not None
        decisions.record_offer(
            application=application,
            amount=post.get("amount", ""),
            currency=post.get("currency", "MAD"),
            rate=post.get("rate", ""),
            actor=actor,
        )
        messages.success(request, _("The amount is recorded."))
    elif action == "close_financial":
        decisions.close_financial(
            call=seat.call,
            actor=actor,
            note=post.get("note", ""),
            notify_others=post.get("notify_others") == "on",
        )
        messages.success(request, _("The decision is recorded and the applicants are notified."))
    else:
        raise Http404


@login_required
def results(request: HttpRequest, call_id: int) -> HttpResponse:
    """The consolidation: the chair moderates and closes the stages; the
    organisation's admins and editors follow. Amounts appear only once the
    envelope is open."""
    seat = seat_or_404(request, call_id)
    if not seat.sees_results:
        raise Http404
    if request.method == "POST":
        if not seat.is_chair:
            raise Http404
        try:
            _chair_action(request, seat)
        except EvaluationError as error:
            show_refusal(request, error)
        sort = request.GET.get("sort", "rank")
        return redirect(f"{request.path}?sort={sort if sort in SORTS else 'rank'}")
    evaluation = seat.evaluation
    if evaluation is None:
        return render(
            request, "evaluation/results.html", {"seat": seat, "call": seat.call, "evaluation": None}
        )
    computed = cached_results(evaluation)
    sort = request.GET.get("sort", "rank")
    rows = list(computed.rows)
    if sort == "disagreement":
        rows.sort(key=lambda row: (-row.consolidation.disagreement, row.application.receipt_number))
    elif sort == "technical":
        rows.sort(
            key=lambda row: (-(row.ranked.technical_score or Decimal(-1)), row.application.receipt_number)
        )
    elif sort == "receipt":
        rows.sort(key=lambda row: row.application.receipt_number)
    # A page of rows: the whole list is sorted, a page rendered.
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    language = (get_language() or "fr")[:2]
    criteria = [
        (criterion, criterion.label(language)) for criterion in sheets.scorable_criteria(evaluation).values()
    ]
    committee = EvaluatorAssignment.objects.filter(call=seat.call).select_related("evaluator").order_by("pk")
    return render(
        request,
        "evaluation/results.html",
        {
            "seat": seat,
            "call": seat.call,
            "evaluation": evaluation,
            "computed": computed,
            "rows": page.object_list,
            "page": page,
            "every_row": rows,
            "criteria": criteria,
            "sort": sort if sort in SORTS else "rank",
            "sorts": SORTS,
            "committee": committee,
            "requirements": ComplianceCheck.choices,
        },
    )


@login_required
@require_safe
def results_download(request: HttpRequest, call_id: int) -> FileResponse:
    seat = seat_or_404(request, call_id)
    if not seat.sees_results or seat.evaluation is None:
        raise Http404
    return attachment_response(
        io.BytesIO(results_xlsx(cached_results(seat.evaluation))),
        filename=f"evaluation-{seat.call.pk}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


MINUTES_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
@require_safe
def minutes(request: HttpRequest, call_id: int, language: str, fmt: str) -> FileResponse:
    """The decided evaluation's minutes, for the chair and the organisation's
    admins and editors."""
    seat = seat_or_404(request, call_id)
    evaluation = seat.evaluation
    if (
        not seat.sees_results
        or evaluation is None
        or evaluation.stage != Stage.DECIDED
        or language not in MINUTES_LANGUAGES
        or fmt not in MINUTES_TYPES
    ):
        raise Http404
    data = stored_minutes(evaluation, language, fmt)
    return attachment_response(
        io.BytesIO(data), filename=f"minutes-{seat.call.pk}-{language}.{fmt}", content_type=MINUTES_TYPES[fmt]
    )


@login_required
@require_POST
def invite(request: HttpRequest, call_id: int) -> HttpResponse:
    """The call's admins and editors name an evaluator by e-mail (an address
    without an account is invited) and, optionally, make them the chair."""
    try:
        call = get_call_for_user(user=request.user, call_id=call_id, roles=EDIT_ROLES)
    except Call.DoesNotExist as error:
        raise Http404 from error
    email = request.POST.get("email", "").strip()
    if too_many_invitations(request):
        return render(request, "429.html", status=429)
    try:
        seats = assign_committee(
            call=call,
            emails=[email],
            chair=email if request.POST.get("chair") == "on" else None,
            actor=signed_in(request.user),
            language=get_language(),
        )
    except EvaluationError as error:
        show_refusal(request, error)
    else:
        if seats[0].invited:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": email})
        else:
            messages.success(request, _("%(email)s is on the committee.") % {"email": email})
    return redirect("evaluation:evaluators", call_id=call.pk)
