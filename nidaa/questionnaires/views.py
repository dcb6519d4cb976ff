"""The questionnaire pages of a mission (issuer's admins/editors and the
facilitator; anyone else gets a 404 as for a missing mission): import or
build a form, edit its questions and choices, open it at a session (link and
QR code), type paper forms, import a KoboToolbox export, read the responses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nidaa.accounts.selectors import signed_in
from nidaa.missions.models import Mission, Module, Participant, Session
from nidaa.missions.selectors import MissionAccess, get_mission_for_user
from nidaa.questionnaires import services
from nidaa.questionnaires.definitions import form_of
from nidaa.questionnaires.forms import (
    ChoiceForm,
    QuestionForm,
    QuestionnaireCreateForm,
    ResponsesImportForm,
    XLSFormImportForm,
)
from nidaa.questionnaires.messages import error_text, fatal_text, problem_text, row_text
from nidaa.questionnaires.models import (
    Answer,
    Choice,
    Question,
    Questionnaire,
    Response,
    SessionQuestionnaire,
    Source,
)
from nidaa.questionnaires.qr import qr_svg
from nidaa.questionnaires.rendering import items, posted_answers
from nidaa.questionnaires.selectors import (
    answers_of,
    get_opening,
    get_questionnaire_for_user,
    mission_people,
    questionnaires_of,
    questions_of,
    responses_of,
    sessions_for_questionnaire,
)


def _mission(request: HttpRequest, mission_id: int) -> MissionAccess:
    try:
        return get_mission_for_user(user=request.user, mission_id=mission_id)
    except Mission.DoesNotExist as error:
        raise Http404 from error


def _questionnaire(request: HttpRequest, questionnaire_id: int) -> Questionnaire:
    try:
        questionnaire, _access = get_questionnaire_for_user(
            user=request.user, questionnaire_id=questionnaire_id
        )
    except Questionnaire.DoesNotExist as error:
        raise Http404 from error
    return questionnaire


@login_required
def questionnaire_list(request: HttpRequest, mission_id: int) -> HttpResponse:
    """The mission's questionnaires; import an XLSForm or start an empty one."""
    mission = _mission(request, mission_id).mission
    modules = Module.objects.filter(mission=mission)
    import_form = XLSFormImportForm(modules=modules)
    create_form = QuestionnaireCreateForm(modules=modules)
    problems: list[str] = []
    status = 200
    if request.method == "POST" and "file" in request.FILES:
        import_form = XLSFormImportForm(request.POST, request.FILES, modules=modules)
        if import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            try:
                questionnaire = services.import_xlsform(
                    mission=mission,
                    data=upload.read(),
                    filename=upload.name or "form.xlsx",
                    kind=import_form.cleaned_data["kind"],
                    module=import_form.cleaned_data["module"],
                    actor=signed_in(request.user),
                )
            except services.QuestionnaireError as error:
                problems = [problem_text(p) for p in error.problems] or [error_text(error)]
                status = 400
            else:
                messages.success(request, _("The questionnaire was imported."))
                return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
        else:
            status = 400
    elif request.method == "POST":
        create_form = QuestionnaireCreateForm(request.POST, modules=modules)
        if create_form.is_valid():
            questionnaire = services.create_questionnaire(
                mission=mission,
                kind=create_form.cleaned_data["kind"],
                module=create_form.cleaned_data["module"],
                title=create_form.cleaned_data["title"],
                actor=signed_in(request.user),
            )
            return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
        status = 400
    return render(
        request,
        "questionnaires/list.html",
        {
            "mission": mission,
            "questionnaires": questionnaires_of(mission),
            "import_form": import_form,
            "create_form": create_form,
            "problems": problems,
        },
        status=status,
    )


@login_required
def questionnaire_detail(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """The form's questions and choices, its openings per session, its responses in short."""
    questionnaire = _questionnaire(request, questionnaire_id)
    summary = Response.objects.filter(questionnaire=questionnaire).aggregate(mean=Avg("score"))
    return render(
        request,
        "questionnaires/detail.html",
        {
            "mission": questionnaire.mission,
            "questionnaire": questionnaire,
            "rows": questions_of(questionnaire),
            "choices": Choice.objects.filter(questionnaire=questionnaire).order_by("list_name", "position"),
            "sessions": sessions_for_questionnaire(questionnaire),
            "response_count": Response.objects.filter(questionnaire=questionnaire).count(),
            "mean_score": summary["mean"],
            "choice_form": ChoiceForm(),
            "import_form": ResponsesImportForm(),
        },
    )


@login_required
def question_edit(
    request: HttpRequest, questionnaire_id: int, question_id: int | None = None
) -> HttpResponse:
    """Add a question or change one (labels in French and Arabic, choices list, correct answer)."""
    questionnaire = _questionnaire(request, questionnaire_id)
    question = None
    if question_id is not None:
        question = Question.objects.filter(questionnaire=questionnaire, pk=question_id).first()
        if question is None:
            raise Http404
    initial: dict[str, Any] = {}
    if question is not None:
        initial = {
            "name": question.name,
            "type": question.type,
            "list_name": question.list_name,
            "group": question.group,
            "required": question.required,
            "relevant": question.relevant,
            "constraint": question.constraint,
            "calculation": question.calculation,
            "correct": question.correct,
            **{f"label_{code}": question.label.get(code, "") for code in ("fr", "ar", "en")},
            **{f"hint_{code}": question.hint.get(code, "") for code in ("fr", "ar")},
        }
    form = QuestionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_question(
                    questionnaire=questionnaire,
                    question=question,
                    fields=form.service_fields(),
                    actor=signed_in(request.user),
                )
            except services.QuestionnaireError as error:
                form.add_error(None, error_text(error))
            else:
                messages.success(request, _("The question was saved."))
                return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
        status = 400
    return render(
        request,
        "questionnaires/question.html",
        {
            "mission": questionnaire.mission,
            "questionnaire": questionnaire,
            "question": question,
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def choice_add(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    questionnaire = _questionnaire(request, questionnaire_id)
    form = ChoiceForm(request.POST)
    if form.is_valid():
        services.save_choice(
            questionnaire=questionnaire,
            list_name=form.cleaned_data["list_name"],
            name=form.cleaned_data["name"],
            label=form.labels(),
            actor=signed_in(request.user),
        )
        messages.success(request, _("The choice was saved."))
    else:
        messages.error(request, _("The choice was not saved: check its list and name."))
    return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)


def _session(questionnaire: Questionnaire, session_id: int) -> tuple[Session, SessionQuestionnaire | None]:
    try:
        return get_opening(questionnaire=questionnaire, session_id=session_id)
    except Session.DoesNotExist as error:
        raise Http404 from error


@login_required
@require_POST
def opening_toggle(request: HttpRequest, questionnaire_id: int, session_id: int) -> HttpResponse:
    """Open the questionnaire at the session (its link answers) or close it."""
    questionnaire = _questionnaire(request, questionnaire_id)
    session, opening = _session(questionnaire, session_id)
    if request.POST.get("action") == "close":
        if opening is not None and opening.is_open:
            services.close_questionnaire(opening=opening, actor=signed_in(request.user))
            messages.success(request, _("The questionnaire is closed: its link no longer answers."))
    else:
        try:
            services.open_questionnaire(
                session=session, questionnaire=questionnaire, actor=signed_in(request.user)
            )
        except services.QuestionnaireError as error:
            messages.error(request, error_text(error))
            return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
        messages.success(request, _("The questionnaire is open: participants can answer through its link."))
    return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)


@login_required
def opening_sheet(request: HttpRequest, questionnaire_id: int, session_id: int) -> HttpResponse:
    """The link and QR code of an opening, printable for the room."""
    questionnaire = _questionnaire(request, questionnaire_id)
    session, opening = _session(questionnaire, session_id)
    if opening is None:
        raise Http404
    url = request.build_absolute_uri(reverse("questionnaires:answer", args=[opening.token]))
    return render(
        request,
        "questionnaires/sheet.html",
        {
            "mission": questionnaire.mission,
            "questionnaire": questionnaire,
            "session": session,
            "opening": opening,
            "url": url,
            "qr": qr_svg(url),
        },
    )


@login_required
def paper_list(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """The mission's participants, answered or not: pick one to type their paper form."""
    questionnaire = _questionnaire(request, questionnaire_id)
    return render(
        request,
        "questionnaires/paper_list.html",
        {
            "mission": questionnaire.mission,
            "questionnaire": questionnaire,
            "people": mission_people(questionnaire),
        },
    )


@login_required
def paper_entry(request: HttpRequest, questionnaire_id: int, participant_id: int) -> HttpResponse:
    """One participant's paper form, typed by the facilitator (replaces an earlier answer, audited)."""
    questionnaire = _questionnaire(request, questionnaire_id)
    participant = Participant.objects.filter(
        pk=participant_id, mission_id=questionnaire.mission_id, erased=False
    ).first()
    if participant is None:
        raise Http404
    form = form_of(questionnaire)
    language = get_language() or "fr"
    previous = Response.objects.filter(questionnaire=questionnaire, participant=participant).first()
    values = answers_of(previous) if previous is not None else {}
    errors: dict[str, str] = {}
    sessions = sessions_for_questionnaire(questionnaire)
    status = 200
    if request.method == "POST":
        values = posted_answers(form, request.POST)
        session_id = request.POST.get("session", "")
        session = next((s for s, _o in sessions if str(s.pk) == session_id), None)
        try:
            services.record_response(
                questionnaire=questionnaire,
                participant=participant,
                session=session,
                answers=values,
                source=Source.PAPER,
                actor=signed_in(request.user),
                form=form,
            )
        except services.AnswersInvalid as invalid:
            errors = invalid.errors
            status = 400
        else:
            messages.success(request, _("The paper form was saved."))
            return redirect("questionnaires:paper", questionnaire_id=questionnaire.pk)
    return render(
        request,
        "questionnaires/paper.html",
        {
            "mission": questionnaire.mission,
            "questionnaire": questionnaire,
            "participant": participant,
            "previous": previous,
            "sessions": [s for s, _o in sessions if s.zone_id == participant.zone_id]
            or [s for s, _o in sessions],
            "items": items(form, language, values, errors),
            "error_count": len(errors),
        },
        status=status,
    )


@login_required
@require_POST
def responses_import(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """A KoboToolbox export: all rows or none, the errors naming their rows."""
    questionnaire = _questionnaire(request, questionnaire_id)
    form = ResponsesImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
    try:
        report = services.import_responses(
            questionnaire=questionnaire,
            data=form.cleaned_data["file"].read(),
            participant_column=form.cleaned_data["participant_column"],
            actor=signed_in(request.user),
        )
    except services.QuestionnaireError as error:
        messages.error(request, error_text(error))
        return redirect("questionnaires:detail", questionnaire_id=questionnaire.pk)
    return render(
        request,
        "questionnaires/import_result.html",
        {
            "mission": questionnaire.mission,
            "questionnaire": questionnaire,
            "report": report,
            "fatal": fatal_text(report) if report.fatal else "",
            "errors": [row_text(p) for p in report.errors],
        },
        status=400 if report.fatal or report.errors else 200,
    )


@login_required
def responses(request: HttpRequest, questionnaire_id: int) -> HttpResponse:
    """Each participant's response: source, date, score, answers (personal data: staff only)."""
    questionnaire = _questionnaire(request, questionnaire_id)
    rows = list(responses_of(questionnaire))
    names = [q.name for q in questions_of(questionnaire) if q.type not in ("note",)]
    answers: dict[int, dict[str, str]] = {}
    for response_id, name, value in (
        Answer.objects.filter(response__questionnaire=questionnaire)
        .values_list("response_id", "question__name", "value")
        .order_by()
    ):
        answers.setdefault(response_id, {})[name] = value
    return render(
        request,
        "questionnaires/responses.html",
        {
            "mission": questionnaire.mission,
            "questionnaire": questionnaire,
            "names": names,
            "rows": [(r, [answers.get(r.pk, {}).get(n, "") for n in names]) for r in rows],
        },
    )
