"""Deliverables (due dates, versions, review, comments) and the instalments they release."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import IO

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from nidaa.accounts.models import User
from nidaa.common.workflow import apply_transition, write_audit
from nidaa.missions.models import (
    Deliverable,
    DeliverableComment,
    DeliverableFile,
    DeliverableStatus,
    Instalment,
    Mission,
    deliverable_storage_name,
)
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.files import DELIVERABLE_TYPES, store_upload
from nidaa.missions.workflow import DELIVERABLE_WORKFLOW, FACILITATOR


@transaction.atomic
def set_deliverable_due_date(
    *, deliverable: Deliverable, due_date: date | None, actor: User | None
) -> Deliverable:
    deliverable.due_date = due_date
    deliverable.reminded = ""
    deliverable.save(update_fields=["due_date", "reminded"])
    write_audit(obj=deliverable, actor=actor, action="set_due_date", data={"due_date": str(due_date or "")})
    return deliverable


@transaction.atomic
def submit_deliverable_file(
    *, deliverable: Deliverable, upload: IO[bytes], original_name: str, actor: User | None, role: str
) -> DeliverableFile:
    """The facilitator's new version of a deliverable: checked by content,
    stored by hash, and the deliverable moves to "submitted"."""
    if role != FACILITATOR:
        raise MissionError("not_facilitator")
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if deliverable.status == DeliverableStatus.ACCEPTED:
        raise MissionError("already_accepted")
    kind, digest, size, stored = store_upload(
        upload,
        name_for=deliverable_storage_name,
        allowed=DELIVERABLE_TYPES,
    )
    number = (deliverable.files.aggregate(n=Max("version"))["n"] or 0) + 1
    version = DeliverableFile.objects.create(
        deliverable=deliverable,
        version=number,
        original_name=original_name[:255],
        file=stored,
        size=size,
        sha256=digest,
        content_type=kind,
        uploaded_by=actor,
    )
    if deliverable.status != DeliverableStatus.SUBMITTED:
        apply_transition(
            workflow=DELIVERABLE_WORKFLOW,
            obj=deliverable,
            field="status",
            target=DeliverableStatus.SUBMITTED,
            actor=actor,
            role=role,
            data={"version": number},
        )
    else:
        write_audit(obj=deliverable, actor=actor, action="new_version", data={"version": number})
    return version


@transaction.atomic
def review_deliverable(
    *, deliverable: Deliverable, accept: bool, comment: str, actor: User | None, role: str
) -> Deliverable:
    """The issuer accepts a submitted deliverable or asks for changes (with a comment)."""
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if not accept and not comment.strip():
        raise MissionError("comment_required")
    target = DeliverableStatus.ACCEPTED if accept else DeliverableStatus.CHANGES_REQUESTED
    extra: list[str] = []
    if accept:
        deliverable.accepted_at = timezone.now()
        deliverable.accepted_by = actor
        extra = ["accepted_at", "accepted_by"]
    apply_transition(
        workflow=DELIVERABLE_WORKFLOW,
        obj=deliverable,
        field="status",
        target=target,
        actor=actor,
        role=role,
        extra_update_fields=extra,
    )
    if comment.strip():
        DeliverableComment.objects.create(deliverable=deliverable, author=actor, text=comment.strip()[:5000])
    return deliverable


@transaction.atomic
def comment_deliverable(*, deliverable: Deliverable, text: str, actor: User | None) -> DeliverableComment:
    if not text.strip():
        raise MissionError("comment_required")
    return DeliverableComment.objects.create(deliverable=deliverable, author=actor, text=text.strip()[:5000])


@transaction.atomic
def add_instalment(
    *, mission: Mission, label: str, amount: Decimal, deliverable: Deliverable | None, actor: User | None
) -> Instalment:
    if deliverable is not None and deliverable.mission_id != mission.pk:
        raise MissionError("deliverable_of_another_mission")
    position = mission.instalments.count()
    instalment = Instalment.objects.create(
        mission=mission, position=position, label=label[:255], amount=amount, deliverable=deliverable
    )
    write_audit(obj=mission, actor=actor, action="add_instalment", data={"instalment": instalment.pk})
    return instalment


@transaction.atomic
def mark_instalment_paid(*, instalment: Instalment, paid_on: date, actor: User | None) -> Instalment:
    if not is_payable(instalment):
        raise MissionError("not_payable")
    instalment.paid_at = paid_on
    instalment.save(update_fields=["paid_at"])
    write_audit(
        obj=instalment.mission, actor=actor, action="pay_instalment", data={"instalment": instalment.pk}
    )
    return instalment


def is_payable(instalment: Instalment) -> bool:
    """Payable: not tied to a deliverable, or its deliverable is accepted."""
    return instalment.deliverable_id is None or (
        instalment.deliverable is not None and instalment.deliverable.status == DeliverableStatus.ACCEPTED
    )
