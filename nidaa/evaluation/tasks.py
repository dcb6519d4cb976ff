"""E-mails of the evaluation, sent by the task queue after the commit that
decided them: the applicants' notices and interview invitations, the minutes
printed once."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from nidaa.evaluation import minutes, notices


@db_task(retries=3, retry_delay=300)
def send_outcome_notices_task(call_id: int, notify_others: bool) -> int:
    return notices.send_outcome_notices(call_id=call_id, notify_others=notify_others)


@db_task(retries=1, retry_delay=60)
def generate_minutes_task(call_id: int) -> int:
    return minutes.generate_minutes(call_id=call_id)


@db_task(retries=3, retry_delay=300)
def send_interview_notice_task(interview_id: int) -> bool:
    return notices.send_interview_notice(interview_id=interview_id)
