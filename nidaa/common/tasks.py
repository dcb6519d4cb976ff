"""The task queue (huey, configured in settings.HUEY).

Without a broker, huey runs in immediate mode: a task runs in the calling
process, right away. With HUEY_REDIS_URL (or REDIS_URL) set, tasks go to
Redis and ``nidaa manage run_huey`` (``make worker``) runs them, together
with the periodic tasks. Tasks take ids, never objects, and reload what they
need, so they can run anywhere and be retried.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from huey.api import TaskWrapper


def enqueue_on_commit(task: TaskWrapper, *args: Any, **kwargs: Any) -> None:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits (at
    once outside a transaction), so a worker never sees rows not yet written."""
    transaction.on_commit(lambda: task(*args, **kwargs))
