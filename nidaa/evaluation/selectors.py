"""Reads of the evaluation pages, scoped to the user's place on the committee.

Every page loads its call or application here: a user who is neither on the
call's committee nor an admin/editor of its organisation gets "does not
exist", like for a missing object; so does an evaluator for an application
they declared a conflict for (it is hidden from them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from nidaa.accounts.models import Reader, User
from nidaa.accounts.selectors import EDIT_ROLES, organizations_for
from nidaa.applications.access import is_sealed
from nidaa.applications.models import Application, ApplicationStatus
from nidaa.calls.models import Call
from nidaa.evaluation.committee import CHAIR, EVALUATOR, ISSUER, committee_role
from nidaa.evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    EvaluatorAssignment,
    ScoreSheet,
    SheetStatus,
    Stage,
)


@dataclass(frozen=True)
class Seat:
    """A user's place on a call's evaluation."""

    call: Call
    role: str  # CHAIR, EVALUATOR or ISSUER
    evaluation: Evaluation | None

    @property
    def is_chair(self) -> bool:
        return self.role == CHAIR

    @property
    def scores(self) -> bool:
        return self.role in (CHAIR, EVALUATOR)

    @property
    def sees_results(self) -> bool:
        return self.role in (CHAIR, ISSUER)

    @property
    def blind(self) -> bool:
        """Names hidden from the evaluators until the technical evaluation closes."""
        return (
            self.evaluation is not None
            and self.evaluation.blind
            and self.evaluation.stage == Stage.SCORING
            and self.role != ISSUER
        )


def calls_on_committee(user: Reader) -> QuerySet[Call]:
    """The calls whose evaluation ``user`` takes part in, as evaluator, chair,
    or admin/editor of the issuing organisation."""
    if not isinstance(user, User):
        return Call.objects.none()
    assigned = Exists(EvaluatorAssignment.objects.filter(call=OuterRef("pk"), evaluator=user))
    return Call.objects.filter(
        Q(organization__in=organizations_for(user, EDIT_ROLES))
        | (Q(organization__in=organizations_for(user)) & assigned)
    )


def get_seat(*, user: Reader, call_id: int) -> Seat:
    """Raises ``Call.DoesNotExist`` for anyone not on the call's evaluation."""
    if not isinstance(user, User):
        raise Call.DoesNotExist
    call = calls_on_committee(user).select_related("organization").get(pk=call_id)
    role = committee_role(user, call)
    if role not in (CHAIR, EVALUATOR, ISSUER):
        raise Call.DoesNotExist
    assert role is not None
    return Seat(call=call, role=role, evaluation=Evaluation.objects.filter(call=call).first())


def get_application_for_scoring(*, user: Reader, application_id: int) -> tuple[Application, Seat]:
    """A submitted application of an opened call on whose committee ``user``
    sits as an evaluator (or chair), unless they declared a conflict for it.
    Raises ``Application.DoesNotExist`` otherwise."""
    if not isinstance(user, User):
        raise Application.DoesNotExist
    application = (
        Application.objects.filter(
            status=ApplicationStatus.SUBMITTED,
            call__evaluator_assignments__evaluator=user,
        )
        .exclude(
            Exists(
                ConflictDeclaration.objects.filter(
                    application=OuterRef("pk"), evaluator=user, has_conflict=True
                )
            )
        )
        .select_related("call", "call__organization")
        .get(pk=application_id)
    )
    if is_sealed(application.call):
        raise Application.DoesNotExist
    seat = get_seat(user=user, call_id=application.call_id)
    if not seat.scores or seat.evaluation is None:
        raise Application.DoesNotExist
    return application, seat


@dataclass(frozen=True)
class BoardRow:
    application: Application
    declared: bool
    conflict: bool
    sheet_status: str | None


def evaluator_board(*, seat: Seat, user: User) -> list[BoardRow]:
    """The evaluator's list: every submitted application with what they did on it."""
    declarations = dict(
        ConflictDeclaration.objects.filter(evaluator=user, application__call=seat.call).values_list(
            "application_id", "has_conflict"
        )
    )
    sheets = dict(
        ScoreSheet.objects.filter(evaluator=user, application__call=seat.call).values_list(
            "application_id", "status"
        )
    )
    applications = Application.objects.filter(call=seat.call, status=ApplicationStatus.SUBMITTED).order_by(
        "received_at", "pk"
    )
    return [
        BoardRow(
            application=application,
            declared=application.pk in declarations,
            conflict=declarations.get(application.pk, False),
            sheet_status=sheets.get(application.pk),
        )
        for application in applications
    ]


def has_submitted(*, user: User, application: Application) -> bool:
    return ScoreSheet.objects.filter(
        evaluator=user, application=application, status=SheetStatus.SUBMITTED
    ).exists()
