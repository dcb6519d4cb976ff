"""Who may open which applications, in one place.

Applications are sealed until the deadline, as in sealed tenders: before it
the issuer sees how many arrived, never what they contain. Once a call is
unsealed its organisation's admins and editors open its submitted
applications, and so do the organisation's evaluators assigned to the call.
Nobody else does: members of other organisations, anonymous visitors,
unassigned evaluators and applicants get "does not exist" (an applicant
reaches only their own applications, through ``selectors``). Drafts are the
applicant's and never reach the issuer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from nidaa.accounts.models import Role
from nidaa.accounts.selectors import EDIT_ROLES, organizations_for
from nidaa.applications.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    ApplicationVersion,
)
from nidaa.calls.models import Call, CallStatus, RequiredDocument
from nidaa.evaluation.models import ConflictDeclaration, EnvelopeOpening, EvaluatorAssignment

# A call without a deadline opens once it no longer takes applications.
CLOSED_STATUSES = (CallStatus.CLOSED, CallStatus.AWARDED, CallStatus.CANCELLED)
EVALUATOR_ROLES = frozenset({Role.EVALUATOR})


class Sealed(Exception):  # noqa: N818 (reads as "the call is sealed")
    """The call's applications may not be opened yet."""

    def __init__(self, call: Call) -> None:
        super().__init__(call.pk)
        self.call = call
        # None: the call has no deadline and opens when it is closed.
        self.opens_at = call.deadline


def is_sealed(call: Call, now: datetime | None = None) -> bool:
    """Sealed while applications may still arrive: until the deadline has
    passed (submissions are accepted up to the deadline itself), or, for a
    call without deadline, until it is closed. ``Call.sealed`` off opens the
    applications at once."""
    if not call.sealed:
        return False
    if call.deadline is not None:
        return not (now or timezone.now()) > call.deadline
    return call.status not in CLOSED_STATUSES


def unsealed_q(now: datetime | None = None, prefix: str = "") -> Q:
    """``is_sealed`` as a filter, for reads that must not load sealed rows."""
    now = now or timezone.now()
    return (
        Q(**{f"{prefix}sealed": False})
        | Q(**{f"{prefix}deadline__lt": now})
        | Q(**{f"{prefix}deadline__isnull": True, f"{prefix}status__in": CLOSED_STATUSES})
    )


def calls_with_applications_for(user: Any) -> QuerySet[Call]:
    """Calls whose applications ``user`` may see once unsealed: those of the
    organisations where the user is admin or editor, and, where the user is an
    evaluator, those the user is assigned to."""
    if not getattr(user, "is_authenticated", False):
        return Call.objects.none()
    assigned = Exists(EvaluatorAssignment.objects.filter(call=OuterRef("pk"), evaluator=user))
    return Call.objects.filter(
        Q(organization__in=organizations_for(user, EDIT_ROLES))
        | (Q(organization__in=organizations_for(user, EVALUATOR_ROLES)) & assigned)
    )


def get_call_for_applications(*, user: Any, call_id: int) -> Call:
    """The call, if ``user`` may see its applications (sealed or not).
    Raises ``Call.DoesNotExist`` for anyone else, as for a missing call."""
    return calls_with_applications_for(user).select_related("organization").get(pk=call_id)


def submitted_applications(*, call: Call) -> QuerySet[Application]:
    # Reached only through the scoped getters below.
    return Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)


def count_applications(*, user: Any, call: Call) -> int:
    """How many applications arrived, which the issuer may know while sealed."""
    return submitted_applications(call=call).filter(call__in=calls_with_applications_for(user)).count()


def applications_for_call(*, user: Any, call: Call, now: datetime | None = None) -> QuerySet[Application]:
    """The call's submitted applications, in the order they arrived. Raises
    ``Sealed`` while the call is sealed; empty for a user who may not see them
    (the scope is part of the query, so a call loaded elsewhere leaks nothing)."""
    if is_sealed(call, now):
        raise Sealed(call)
    return (
        submitted_applications(call=call)
        .filter(call__in=calls_with_applications_for(user))
        .select_related("region")
        .order_by("received_at", "id")
    )


def _opened_calls_for(user: Any, now: datetime | None) -> QuerySet[Call]:
    return calls_with_applications_for(user).filter(unsealed_q(now))


def get_application_for_issuer(*, user: Any, application_id: int, now: datetime | None = None) -> Application:
    """A submitted application of an opened call the user may see, with its
    versions (newest first) and their files. Raises ``Application.DoesNotExist``
    otherwise, sealed calls included: their applications are not to be found."""
    return (
        Application.objects.filter(status=ApplicationStatus.SUBMITTED, call__in=_opened_calls_for(user, now))
        .exclude(_conflicted(user))
        .select_related("call", "call__organization", "region", "applicant")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ApplicationVersion.objects.order_by("-number").prefetch_related(
                    Prefetch(
                        "files",
                        queryset=ApplicationFile.objects.exclude(sealed_offers()).order_by("piece", "id"),
                    )
                ),
            )
        )
        .get(pk=application_id)
    )


def latest_files_for(*, applications: QuerySet[Application]) -> QuerySet[ApplicationFile]:
    """The files of the latest version of each of ``applications`` (a queryset
    from the getters above, so already scoped); draft files have no version."""
    return (
        ApplicationFile.objects.filter(application__in=applications, version__is_latest=True)
        .exclude(sealed_offers())
        .order_by("application_id", "piece", "id")
    )


def get_application_file_for(*, user: Any, file_id: int, now: datetime | None = None) -> ApplicationFile:
    """A file ``user`` may download: any of the applicant's own files, or, for
    the issuer's staff and assigned evaluators, a file of the latest version of
    a submitted application of an opened call. Raises
    ``ApplicationFile.DoesNotExist`` otherwise."""
    if not getattr(user, "is_authenticated", False):
        raise ApplicationFile.DoesNotExist
    own = Q(application__applicant=user)
    staff = Q(
        version__is_latest=True,
        application__status=ApplicationStatus.SUBMITTED,
        application__call__in=_opened_calls_for(user, now),
    )
    return (
        ApplicationFile.objects.filter(
            own | (staff & ~_conflicted(user, "application_id") & ~sealed_offers())
        )
        .select_related("application")
        .get(pk=file_id)
    )


def _conflicted(user: Any, application: str = "pk") -> Exists:
    """Whether the user declared a conflict of interest for the application
    (``application`` names its id in the outer query): it is hidden from them."""
    return Exists(
        ConflictDeclaration.objects.filter(
            application=OuterRef(application), evaluator_id=getattr(user, "pk", None), has_conflict=True
        )
    )


def sealed_offers() -> Q:
    """Financial-offer files whose envelope the committee has not opened
    (``EnvelopeOpening``): the second envelope stays closed to the issuer's
    staff and evaluators until the technical evaluation is closed, and for
    good for the applications not technically qualified."""
    return Q(piece=RequiredDocument.FINANCIAL_OFFER) & ~Q(
        Exists(EnvelopeOpening.objects.filter(application=OuterRef("application_id")))
    )
