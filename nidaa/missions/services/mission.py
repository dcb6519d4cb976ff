"""The mission: creation from a call, the contract's terms, status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from nidaa.accounts.models import User
from nidaa.applications.models import Application
from nidaa.calls.models import Call
from nidaa.common.tasks import enqueue_on_commit
from nidaa.common.workflow import apply_transition, write_audit
from nidaa.missions.models import Deliverable, Mission
from nidaa.missions.services.errors import MissionError
from nidaa.missions.tasks import invite_facilitator
from nidaa.missions.workflow import MISSION_WORKFLOW


def user_with_verified_email(email: str) -> User | None:
    """The active account whose verified address is ``email``: an address typed
    at sign-up but never confirmed must not open someone else's mission."""
    return User.objects.filter(
        is_active=True,
        pk__in=EmailAddress.objects.filter(email__iexact=email, verified=True).values("user_id"),
    ).first()


LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def guess_language(*, call: Call, application: Application | None) -> str:
    """The retained applicant's language as far as Nidaa knows it: their
    account's, else the call's (a call written in Arabic is answered in Arabic),
    else the site's."""
    if application is not None and application.applicant is not None:
        return str(application.applicant.preferred_language)
    if call.document_language in LANGUAGE_CODES:
        return str(call.document_language)
    return str(settings.LANGUAGE_CODE)


@transaction.atomic
def create_mission(
    *,
    call: Call,
    actor: User | None,
    application: Application | None = None,
    facilitator_name: str = "",
    facilitator_email: str = "",
    facilitator_language: str = "",
    title: str = "",
) -> Mission:
    """A mission for ``call``: from its retained application, or with the
    retained applicant given by hand (name and e-mail). Its deliverables are
    the call's extracted deliverables, to be dated by the issuer. The
    facilitator is written to in ``facilitator_language`` (else
    ``guess_language``)."""
    if application is not None and application.call_id != call.pk:
        raise MissionError("application_of_another_call", application.receipt_number)
    facilitator = None
    if application is not None:
        facilitator = application.applicant
        facilitator_name = facilitator_name or application.applicant_name or application.firm_name
        facilitator_email = facilitator_email or application.applicant_email
    facilitator_email = facilitator_email.strip().lower()
    if facilitator is None and facilitator_email:
        # Someone who applied by e-mail and has an account since is linked at once.
        facilitator = user_with_verified_email(facilitator_email)
    mission = Mission.objects.create(
        call=call,
        organization_id=call.organization_id,
        retained_application=application,
        facilitator=facilitator,
        facilitator_name=facilitator_name[:255],
        facilitator_email=facilitator_email,
        facilitator_language=(
            facilitator_language
            if facilitator_language in LANGUAGE_CODES
            else guess_language(call=call, application=application)
        ),
        title=(title or call.title)[:500],
    )
    Deliverable.objects.bulk_create(
        Deliverable(mission=mission, position=i, title=str(text)[:1000])
        for i, text in enumerate(call.deliverables or [])
        if str(text).strip()
    )
    if facilitator is None and facilitator_email:
        enqueue_on_commit(invite_facilitator, mission.pk)
    write_audit(
        obj=mission,
        actor=actor,
        action="create",
        to_state=mission.status,
        data={"call": call.pk, "application": application.pk if application else None},
    )
    return mission


@transaction.atomic
def update_mission(
    *,
    mission: Mission,
    actor: User | None,
    amount: Decimal | None,
    start_date: date | None,
    end_date: date | None,
    facilitator_name: str,
    facilitator_email: str,
    focal_point: User | None = None,
) -> Mission:
    """The contract's terms as the issuer sets them."""
    mission.amount = amount
    mission.start_date = start_date
    mission.end_date = end_date
    mission.facilitator_name = facilitator_name[:255]
    facilitator_email = facilitator_email.strip().lower()
    if facilitator_email != mission.facilitator_email:
        mission.facilitator_email = facilitator_email
        mission.facilitator = user_with_verified_email(facilitator_email) if facilitator_email else None
        if mission.facilitator is None and facilitator_email:
            enqueue_on_commit(invite_facilitator, mission.pk)
    mission.focal_point = focal_point
    mission.save(
        update_fields=[
            "amount", "start_date", "end_date", "facilitator_name", "facilitator_email", "facilitator",
            "focal_point",
        ]
    )  # fmt: skip
    write_audit(obj=mission, actor=actor, action="update")
    return mission


@transaction.atomic
def change_mission_status(*, mission: Mission, target: str, actor: User | None, role: str) -> Mission:
    apply_transition(
        workflow=MISSION_WORKFLOW, obj=mission, field="status", target=target, actor=actor, role=role
    )
    return mission
