"""Who may open which applications, in one place.

Applications are sealed until the deadline, as in sealed tenders: before it
the issuer sees how many arrived, never what they contain. Once a call is
unsealed its organisation's admins and editors open its submitted
applications, and so do the readers other apps grant (``grant_readers``: the
evaluation app grants the organisation's evaluators assigned to the call).
Nobody else does: members of other organisations, anonymous visitors,
unassigned evaluators and applicants get "does not exist" (an applicant
reaches only their own applications, through ``selectors``). Drafts are the
applicant's and never reach the issuer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from nidaa.accounts.models import Reader, User
from nidaa.accounts.selectors import EDIT_ROLES, organizations_for
from nidaa.applications.models import (
    Application,
    ApplicationFile,
    ApplicationStatus,
    ApplicationVersion,
)
from nidaa.calls.models import Call, CallStatus, RequiredDocument

# A call that never had a deadline opens once it no longer takes applications.
CLOSED_STATUSES = (CallStatus.CLOSED, CallStatus.AWARDED, CallStatus.CANCELLED)

# Rules by which other apps let more users read a call's applications: each
# takes the (signed-in) user and returns a filter on Call. The evaluation app
# registers its rule when it is ready, so the dependency runs one way
# (evaluation -> applications); without it, nobody but the issuer's editors
# reads applications, which fails closed.
ReaderRule = Callable[[User], Q]
_reader_rules: list[ReaderRule] = []


def grant_readers(rule: ReaderRule) -> None:
    """Let the users ``rule`` selects read the applications of the calls it
    selects (still sealed until the deadline). Registering twice is harmless."""
    if rule not in _reader_rules:
        _reader_rules.append(rule)


# Rules by which other apps hide single applications from a reader who may
# otherwise read them (the evaluation app hides those the reader declared a
# conflict of interest for). Each takes the user and the path to the
# application's id in the query ("pk" on Application, "application_id" on
# ApplicationFile) and returns a filter on what to hide.
HiddenRule = Callable[[User, str], Q]
_hidden_rules: list[HiddenRule] = []


def hide_from_readers(rule: HiddenRule) -> None:
    """Hide from a reader the applications ``rule`` selects for them.
    Registering twice is harmless."""
    if rule not in _hidden_rules:
        _hidden_rules.append(rule)


def _hidden(user: User, application: str = "pk") -> Q | None:
    hidden: Q | None = None
    for rule in _hidden_rules:
        hidden = rule(user, application) if hidden is None else hidden | rule(user, application)
    return hidden


class Sealed(Exception):  # noqa: N818 (reads as "the call is sealed")
    """The call's applications may not be opened yet."""

    def __init__(self, call: Call) -> None:
        super().__init__(call.pk)
        self.call = call
        # None: the call never had a deadline and opens when it is closed.
        self.opens_at = call.seal_deadline


def is_sealed(call: Call, now: datetime | None = None) -> bool:
    """Sealed while applications may still arrive: until ``seal_deadline``
    has passed (submissions are accepted up to the deadline itself) whatever
    the call's status, or, for a call that never had a deadline, until it is
    closed. ``Call.sealed`` off opens the applications at once (the services
    refuse to turn it off before the deadline once applications exist)."""
    if not call.sealed:
        return False
    opens_at = call.seal_deadline
    if opens_at is not None:
        return not (now or timezone.now()) > opens_at
    return call.status not in CLOSED_STATUSES


def unsealed_q(now: datetime | None = None, prefix: str = "") -> Q:
    """``is_sealed`` as a filter, for reads that must not load sealed rows."""
    now = now or timezone.now()

    def f(name: str, value: Any) -> Q:
        return Q(**{f"{prefix}{name}": value})

    passed = (f("deadline__lt", now) | f("deadline__isnull", True)) & (
        f("sealed_until__lt", now) | f("sealed_until__isnull", True)
    )
    dated = f("deadline__isnull", False) | f("sealed_until__isnull", False)
    return f("sealed", False) | (passed & (dated | f("status__in", CLOSED_STATUSES)))


def calls_with_applications_for(user: Reader) -> QuerySet[Call]:
    """Calls whose applications ``user`` may see once unsealed: those of the
    organisations where the user is admin or editor, and those the registered
    rules grant (an evaluator's assigned calls)."""
    if not isinstance(user, User):
        return Call.objects.none()
    readers = Q(organization__in=organizations_for(user, EDIT_ROLES))
    for rule in _reader_rules:
        readers |= rule(user)
    return Call.objects.filter(readers)


def get_call_for_applications(*, user: Reader, call_id: int) -> Call:
    """The call, if ``user`` may see its applications (sealed or not).
    Raises ``Call.DoesNotExist`` for anyone else, as for a missing call."""
    return calls_with_applications_for(user).select_related("organization").get(pk=call_id)


def submitted_applications(*, call: Call) -> QuerySet[Application]:
    # Reached only through the scoped getters below.
    return Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED)


def count_applications(*, user: Reader, call: Call) -> int:
    """How many applications arrived, which the issuer may know while sealed."""
    return submitted_applications(call=call).filter(call__in=calls_with_applications_for(user)).count()


def applications_for_call(*, user: Reader, call: Call, now: datetime | None = None) -> QuerySet[Application]:
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


def _opened_calls_for(user: Reader, now: datetime | None) -> QuerySet[Call]:
    return calls_with_applications_for(user).filter(unsealed_q(now))


def get_application_for_issuer(
    *, user: Reader, application_id: int, now: datetime | None = None
) -> Application:
    """A submitted application of an opened call the user may see, with its
    versions (newest first) and their files. Raises ``Application.DoesNotExist``
    otherwise, sealed calls included: their applications are not to be found."""
    applications = Application.objects.filter(
        status=ApplicationStatus.SUBMITTED, call__in=_opened_calls_for(user, now)
    )
    hidden = _hidden(user) if isinstance(user, User) else None
    if hidden is not None:
        applications = applications.exclude(hidden)
    return (
        applications.select_related("call", "call__organization", "region", "applicant")
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


def get_application_file_for(*, user: Reader, file_id: int, now: datetime | None = None) -> ApplicationFile:
    """A file ``user`` may download: any of the applicant's own files, or, for
    the issuer's staff and assigned evaluators, a file of the latest version of
    a submitted application of an opened call. Raises
    ``ApplicationFile.DoesNotExist`` otherwise."""
    if not isinstance(user, User):
        raise ApplicationFile.DoesNotExist
    own = Q(application__applicant=user)
    staff = Q(
        version__is_latest=True,
        application__status=ApplicationStatus.SUBMITTED,
        application__call__in=_opened_calls_for(user, now),
    )
    hidden = _hidden(user, "application_id")
    if hidden is not None:
        staff &= ~hidden
    staff &= ~sealed_offers()
    return ApplicationFile.objects.filter(own | staff).select_related("application").get(pk=file_id)


# Rules by which other apps open financial offers (the evaluation app: the
# envelopes its technical close opened). Each returns a filter on
# ApplicationFile. Without any, every offer stays sealed: fails closed.
OpenedRule = Callable[[], Q]
_opened_offer_rules: list[OpenedRule] = []


def open_offers(rule: OpenedRule) -> None:
    """Let the issuer's staff and the readers see the financial-offer files
    ``rule`` selects. Registering twice is harmless."""
    if rule not in _opened_offer_rules:
        _opened_offer_rules.append(rule)


def sealed_offers() -> Q:
    """Financial-offer files whose envelope is not opened: the second envelope
    stays closed to the issuer's staff and the committee until the technical
    evaluation is closed, and for good for the applications not technically
    qualified. The applicant always reaches their own files."""
    sealed = Q(piece=RequiredDocument.FINANCIAL_OFFER)
    for rule in _opened_offer_rules:
        sealed &= ~rule()
    return sealed
