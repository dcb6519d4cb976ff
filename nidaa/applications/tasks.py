"""The acknowledgements of e-mailed applications (mailbox polling: nidaa.inbox.tasks)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from nidaa.applications.services import send_acknowledgements


@db_task()
def acknowledge_versions_task(version_ids: list[int]) -> None:
    """Acknowledge e-mailed versions: one task per intake batch, queued after
    its commit, sending over one mail connection."""
    send_acknowledgements(version_ids=version_ids)
