"""E-mails of the evaluation, sent by the task queue after the commit that
decided them: the applicants' notices."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from nidaa.evaluation import notices


@db_task(retries=3, retry_delay=300)
def send_outcome_notices_task(call_id: int, notify_others: bool) -> int:
    return notices.send_outcome_notices(call_id=call_id, notify_others=notify_others)
