"""Status workflows written as data.

A workflow is a mapping of transitions ``(from_state, to_state) -> Transition``.
``apply_transition`` is the one place that checks a move is allowed, changes
the state and writes the audit entry; services call it inside their
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models

from nidaa.common.models import AuditEntry


class TransitionNotAllowed(Exception):
    """The object cannot move from its current state to the one asked for."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str
    roles: frozenset[str]


class Workflow:
    def __init__(self, transitions: Iterable[Transition]) -> None:
        self.transitions = {(t.source, t.target): t for t in transitions}

    def allowed_targets(self, state: str, role: str | None) -> list[str]:
        return [t.target for t in self.transitions.values() if t.source == state and role in t.roles]

    def get(self, source: str, target: str) -> Transition | None:
        return self.transitions.get((source, target))


def audit_entry(
    *,
    obj: models.Model,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    from_state: str = "",
    to_state: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """The audit row for ``action`` on ``obj``, unsaved (for a bulk insert)."""
    return AuditEntry(
        # An anonymous visitor acts as nobody. common may not name accounts.User
        # (the import layers); the actor is an AUTH_USER_MODEL instance.
        actor=actor if isinstance(actor, AbstractBaseUser) else None,  # type: ignore[misc]
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        action=action,
        from_state=from_state,
        to_state=to_state,
        data=data or {},
    )


def write_audit(
    *,
    obj: models.Model,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    from_state: str = "",
    to_state: str = "",
    data: dict | None = None,
) -> AuditEntry:
    entry = audit_entry(
        obj=obj, actor=actor, action=action, from_state=from_state, to_state=to_state, data=data
    )
    entry.save(force_insert=True)
    return entry


def apply_transition(
    *,
    workflow: Workflow,
    obj: models.Model,
    field: str,
    target: str,
    actor: AbstractBaseUser | AnonymousUser | None,
    role: str | None,
    data: dict | None = None,
    extra_update_fields: Iterable[str] = (),
) -> AuditEntry:
    """Move ``obj.<field>`` to ``target`` if the workflow allows it for ``role``."""
    source = getattr(obj, field)
    transition = workflow.get(source, target)
    if transition is None or role not in transition.roles:
        raise TransitionNotAllowed(f"{obj._meta.label}: {source} → {target} is not allowed for {role}")
    setattr(obj, field, target)
    obj.save(update_fields=[field, *extra_update_fields])
    return write_audit(
        obj=obj, actor=actor, action=transition.action, from_state=source, to_state=target, data=data
    )
