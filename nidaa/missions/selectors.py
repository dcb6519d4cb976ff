"""Reads that decide who reaches a mission and its participants.

A mission is reached by the admins and editors of the call's organisation
(role ``issuer``) and by its facilitator (role ``facilitator``); anyone else
gets ``Mission.DoesNotExist``, exactly as for a missing mission. Participants'
personal data are read only through a mission obtained here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower

from nidaa.accounts.models import Reader
from nidaa.accounts.selectors import EDIT_ROLES, organizations_for
from nidaa.missions.models import (
    Attendance,
    Mission,
    Participant,
    ParticipantCategory,
    Session,
    session_spans_day,
)
from nidaa.missions.workflow import FACILITATOR, ISSUER


def missions_for(user: Reader) -> QuerySet[Mission]:
    """Every mission the user may open: their organisations' (as admin or
    editor) and those they facilitate."""
    if not getattr(user, "is_authenticated", False):
        return Mission.objects.none()
    # A retained applicant without an account when the mission was made sees
    # it once they have one with that address, verified.
    verified = (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(address=Lower("email"))
        .values("address")
    )
    return Mission.objects.filter(
        Q(organization__in=organizations_for(user, EDIT_ROLES))
        | Q(facilitator=user)
        | Q(facilitator__isnull=True, facilitator_email__in=verified)
    ).select_related("call", "organization", "facilitator")


@dataclass(frozen=True)
class MissionAccess:
    mission: Mission
    role: str

    @property
    def is_issuer(self) -> bool:
        return self.role == ISSUER


def get_mission_for_user(*, user: Reader, mission_id: int) -> MissionAccess:
    """The mission and the user's role in it. Raises ``Mission.DoesNotExist``
    for anyone who is neither the issuer's admin/editor nor its facilitator."""
    mission = missions_for(user).get(pk=mission_id)
    issuer = organizations_for(user, EDIT_ROLES).filter(pk=mission.organization_id).exists()
    return MissionAccess(mission=mission, role=ISSUER if issuer else FACILITATOR)


def get_session_for_user(*, user: Reader, session_id: int) -> tuple[Session, MissionAccess]:
    """The session and the user's access to its mission. Raises ``Session.DoesNotExist``."""
    session = Session.objects.select_related("module", "zone").get(
        pk=session_id, mission__in=missions_for(user).values("pk")
    )
    try:
        access = get_mission_for_user(user=user, mission_id=session.mission_id)
    except Mission.DoesNotExist as error:  # pragma: no cover - the filter above already checked
        raise Session.DoesNotExist from error
    return session, access


def sessions_for(*, mission: Mission) -> QuerySet[Session]:
    """The plan's sessions with their expected and present counts, in date order."""
    return (
        Session.objects.filter(mission=mission)
        .select_related("module", "zone")
        .annotate(
            present_count=Count("attendances", filter=Q(attendances__present=True)),
            walk_in_count=Count("attendances", filter=Q(attendances__walk_in=True)),
        )
        .order_by("date", "start_time", "zone__position", "module__position", "id")
    )


def expected_participants(*, session: Session) -> QuerySet[Participant]:
    """Who is expected at the session: the participants of its zone (walk-ins
    come only to the sessions they are recorded at)."""
    return (
        Participant.objects.filter(mission_id=session.mission_id, zone_id=session.zone_id, walk_in=False)
        .select_related("category")
        .order_by("name_key", "name_ar_key", "id")
    )


def session_roster(*, session: Session) -> list[tuple[Participant, Attendance | None]]:
    """The session's sheet: each expected participant with their attendance,
    then the walk-ins recorded at it."""
    attendance = {
        a.participant_id: a
        for a in Attendance.objects.filter(session=session).only(
            "id", "participant_id", "present", "morning", "afternoon", "walk_in"
        )
    }
    expected = list(expected_participants(session=session))
    seen = {p.pk for p in expected}
    walk_ins = (
        Participant.objects.filter(pk__in=[pid for pid in attendance if pid not in seen])
        .select_related("category")
        .order_by("name_key", "id")
    )
    return [(p, attendance.get(p.pk)) for p in [*expected, *walk_ins]]


SEXES = ("female", "male")
UNSPECIFIED = "unspecified"


def attendance_summary(*, mission: Mission) -> dict[str, Any]:
    """Planned versus present per session, by sex and by category, in the
    command line's JSON shape. Planned: the participants expected at the
    session (its zone's list); present: those recorded present, walk-ins
    included. Three queries whatever the mission's size."""
    names = dict(
        ParticipantCategory.objects.filter(organization_id=mission.organization_id)
        .order_by()
        .values_list("pk", "name")
    )
    planned: dict[int, dict[tuple[str, str], int]] = {}
    for zone_id, sex, category_id, count in (
        Participant.objects.filter(mission=mission, walk_in=False)
        .values_list("zone_id", "sex", "category_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        group = planned.setdefault(zone_id, {})
        key = (sex, names.get(category_id, UNSPECIFIED))
        group[key] = group.get(key, 0) + count
    present: dict[int, dict[tuple[str, str], int]] = {}
    halves: dict[int, dict[str, int]] = {}
    for session_id, sex, category_id, count, mornings, afternoons in (
        Attendance.objects.filter(
            session__in=Session.objects.filter(mission=mission).values("pk"), present=True
        )
        .values_list("session_id", "sex", "category_id")
        .annotate(
            n=Count("id"),
            am=Count("id", filter=Q(morning=True)),
            pm=Count("id", filter=Q(afternoon=True)),
        )
        .order_by()
    ):
        group = present.setdefault(session_id, {})
        key = (sex, names.get(category_id, UNSPECIFIED))
        group[key] = group.get(key, 0) + count
        half = halves.setdefault(session_id, {"morning": 0, "afternoon": 0})
        half["morning"] += mornings
        half["afternoon"] += afternoons
    sessions = []
    for session in (
        Session.objects.filter(mission=mission)
        .select_related("module", "zone")
        .order_by("date", "start_time", "zone__position", "module__position", "id")
    ):
        p = planned.get(session.zone_id, {})
        a = present.get(session.pk, {})
        categories = sorted({c for _, c in p} | {c for _, c in a}, key=lambda c: (c == UNSPECIFIED, c))
        sessions.append(
            {
                "id": session.pk,
                "module": session.module.title,
                "zone": session.zone.name,
                "date": session.date.isoformat(),
                "planned": sum(p.values()),
                "present": sum(a.values()),
                "by_sex": {
                    sex: {
                        "planned": sum(n for (s, _), n in p.items() if s == sex),
                        "present": sum(n for (s, _), n in a.items() if s == sex),
                    }
                    for sex in SEXES
                },
                "by_category": {
                    category: {
                        "planned": sum(n for (_, c), n in p.items() if c == category),
                        "present": sum(n for (_, c), n in a.items() if c == category),
                    }
                    for category in categories
                },
                # Added for half-day attendance (every key above is the contract's).
                "present_half_days": halves.get(session.pk, {"morning": 0, "afternoon": 0}),
            }
        )
    return {"mission": mission.pk, "sessions": sessions}


def half_day_session_ids(*, mission: Mission) -> set[int]:
    """The mission's sessions ticked per half-day (``session_spans_day``), whose
    morning and afternoon counts the report shows beside the day's."""
    return {
        pk
        for pk, start, end in Session.objects.filter(mission=mission)
        .order_by()
        .values_list("pk", "start_time", "end_time")
        if session_spans_day(start, end)
    }


def totals_by(sessions: list[dict[str, Any]], key: str) -> dict[str, dict[str, int]]:
    """Planned and present summed over sessions, by ``zone`` or ``module``."""
    totals: dict[str, dict[str, int]] = {}
    for s in sessions:
        group = totals.setdefault(s[key], {"planned": 0, "present": 0})
        group["planned"] += s["planned"]
        group["present"] += s["present"]
    return totals


def totals_by_breakdown(sessions: list[dict[str, Any]], breakdown: str) -> dict[str, dict[str, int]]:
    """Planned and present summed over sessions, by sex (``by_sex``) or category (``by_category``)."""
    totals: dict[str, dict[str, int]] = {}
    for s in sessions:
        for name, counts in s[breakdown].items():
            group = totals.setdefault(name, {"planned": 0, "present": 0})
            group["planned"] += counts["planned"]
            group["present"] += counts["present"]
    return totals
