"""The acknowledgements of e-mailed applications (mailbox polling: nidaa.inbox.tasks)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from nidaa.applications.emails import announce_cancellation, send_acknowledgements


@db_task()
def acknowledge_versions_task(version_ids: list[int]) -> None:
    """Acknowledge e-mailed versions: one task per intake batch, queued after
    its commit, sending over one mail connection."""
    send_acknowledgements(version_ids=version_ids)


@db_task()
def announce_cancellation_task(call_id: int) -> None:
    """Tell a cancelled call's applicants and draft holders (queued after the
    cancellation commits)."""
    announce_cancellation(call_id=call_id)
