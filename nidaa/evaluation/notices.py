"""The evaluation's e-mails, each in its recipient's language: the
applicants' outcome notices (each applicant's own scores and rank only). An
invited evaluator's e-mail is the organisation's invitation (accounts)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from nidaa.applications.models import Application
from nidaa.evaluation.models import Interview, Outcome
from nidaa.scoring import Decision

LANGUAGES = ("fr", "ar", "en")


def _language(*candidates: object) -> str:
    for candidate in candidates:
        if isinstance(candidate, str) and candidate[:2] in LANGUAGES:
            return candidate[:2]
    return settings.LANGUAGE_CODE[:2]


def _send(*, to: str, language: str, template: str, context: dict[str, object]) -> None:
    with translation.override(language):
        subject = render_to_string(f"evaluation/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"evaluation/email/{template}.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[to], headers={"Content-Language": language}
    ).send()


def applicant_language(application: Application) -> str:
    applicant = application.applicant
    return _language(
        applicant.preferred_language if applicant else None,
        *(application.languages or []),
        application.call.document_language,
    )


def send_outcome_notices(*, call_id: int, notify_others: bool) -> int:
    """One notice per application whose outcome is recorded and not yet
    notified: the retained always, the others when asked. Idempotent."""
    outcomes = Outcome.objects.filter(application__call_id=call_id, notified_at__isnull=True).select_related(
        "application", "application__applicant", "application__call"
    )
    sent = 0
    for outcome in outcomes:
        retained = outcome.decision == Decision.RETAINED
        if not retained and not notify_others:
            continue
        application = outcome.application
        to = application.applicant_email or (application.applicant.email if application.applicant else "")
        if not to:
            continue
        with transaction.atomic():
            locked = Outcome.objects.select_for_update().get(pk=outcome.pk)
            if locked.notified_at is not None:
                continue
            _send(
                to=to,
                language=applicant_language(application),
                template="retained" if retained else "not_retained",
                context={
                    "application": application,
                    "call": application.call,
                    "outcome": outcome,
                    "url": settings.NIDAA_SITE_URL + reverse("applications:mine"),
                },
            )
            locked.notified_at = timezone.now()
            locked.save(update_fields=["notified_at"])
        sent += 1
    return sent


def send_interview_notice(*, interview_id: int) -> bool:
    """A shortlisted applicant's interview: when (in the call's time zone, as
    their language writes dates), where or the online link. Sent once per
    scheduling (rescheduling clears ``notified_at``)."""
    with transaction.atomic():
        interview = (
            # Only the interview's row is locked (PostgreSQL refuses to lock the
            # nullable side of the applicant's outer join).
            Interview.objects.select_for_update(of=("self",))
            .select_related("application", "application__applicant", "application__call")
            .filter(pk=interview_id, notified_at__isnull=True, starts_at__isnull=False)
            .first()
        )
        if interview is None:
            return False
        application = interview.application
        to = application.applicant_email or (application.applicant.email if application.applicant else "")
        if not to:
            return False
        language = applicant_language(application)
        assert interview.starts_at is not None
        with translation.override(language):
            when = date_format(
                timezone.localtime(interview.starts_at, ZoneInfo(application.call.timezone)),
                "DATETIME_FORMAT",
            )
        _send(
            to=to,
            language=language,
            template="interview",
            context={
                "application": application,
                "call": application.call,
                "interview": interview,
                "when": when,
            },
        )
        interview.notified_at = timezone.now()
        interview.save(update_fields=["notified_at"])
    return True
