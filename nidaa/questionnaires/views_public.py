"""The participants' page: the link (or QR code) of a questionnaire opened at
a session, answered without an account. One light page per questionnaire
(no script, nothing from a CDN); ``relevant``, ``required`` and
``constraint`` are checked on the server, the same way as paper entry and
imports. The link answers only while the opening is open; answers are
rate-limited per client address."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from nidaa.common.ratelimit import over_limit, too_many_requests
from nidaa.missions.models import Participant
from nidaa.questionnaires import services
from nidaa.questionnaires.definitions import form_of
from nidaa.questionnaires.models import SessionQuestionnaire, Source
from nidaa.questionnaires.rendering import items, posted_answers
from nidaa.questionnaires.selectors import opening_by_token, session_people

ANSWER_RATE = "30/m"


def _who(request: HttpRequest, people: list[Participant]) -> Participant | None:
    chosen = request.POST.get("participant", "")
    code = request.POST.get("code", "").strip().upper()[:20]
    for person in people:
        if (chosen.isdigit() and person.pk == int(chosen)) or (code and person.code.upper() == code):
            return person
    return None


@never_cache
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        opening: SessionQuestionnaire = opening_by_token(token[:64])
    except SessionQuestionnaire.DoesNotExist as error:
        raise Http404 from error
    session, questionnaire = opening.session, opening.questionnaire
    language = get_language() or "fr"
    other_languages = [
        (code, name, translate_url(request.path, code))
        for code, name in (("fr", "Français"), ("ar", "العربية"))
        if code != language
    ]
    context = {
        "opening": opening,
        "session": session,
        "questionnaire": questionnaire,
        "other_languages": other_languages,
    }
    if not opening.is_open:
        return render(request, "questionnaires/closed.html", context, status=410)
    form = form_of(questionnaire)
    people = session_people(session)
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    who_error = ""
    chosen = request.POST.get("participant", "")
    if request.method == "POST":
        if over_limit(request, "nidaa-questionnaire-answer", ANSWER_RATE):
            return too_many_requests(request)
        values = posted_answers(form, request.POST)
        participant = _who(request, people)
        if participant is None:
            who_error = _("Pick your name in the list or type your code.")
        else:
            try:
                services.record_response(
                    questionnaire=questionnaire,
                    participant=participant,
                    session=session,
                    answers=values,
                    source=Source.WEB,
                    actor=None,
                    form=form,
                )
            except services.AnswersInvalid as invalid:
                errors = invalid.errors
            else:
                return render(request, "questionnaires/thanks.html", context)
    context.update(
        {
            "people": people,
            "chosen": chosen,
            "code": request.POST.get("code", "")[:20],
            "who_error": who_error,
            "items": items(form, language, values, errors),
            "error_count": len(errors) + (1 if who_error else 0),
        }
    )
    return render(
        request, "questionnaires/answer.html", context, status=400 if request.method == "POST" else 200
    )
