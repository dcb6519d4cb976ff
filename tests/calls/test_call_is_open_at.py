"""One rule for "is this call open?": ``Call.is_open_at`` (Python, for a call
in hand) and ``calls.selectors.open_q`` (SQL, for the catalogue) agree,
including at the boundary where the deadline equals now."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.calls.models import Call, CallStatus
from nidaa.calls.selectors import open_q
from tests.factories import CallFactory


def _open_in_sql(call: Call, now) -> bool:
    return Call.objects.filter(open_q(now), pk=call.pk).exists()


def test_published_call_is_open_before_its_deadline_and_closed_from_the_deadline_itself(db):
    deadline = timezone.now()
    call = CallFactory(status=CallStatus.PUBLISHED, deadline=deadline)

    before = deadline - timedelta(microseconds=1)
    assert call.is_open_at(before) is True
    assert _open_in_sql(call, before) is True
    # A deadline equal to now has passed, in Python and in SQL alike.
    assert call.is_open_at(deadline) is False
    assert _open_in_sql(call, deadline) is False
    after = deadline + timedelta(microseconds=1)
    assert call.is_open_at(after) is False
    assert _open_in_sql(call, after) is False


def test_published_call_without_deadline_is_open_in_python_and_sql(db):
    call = CallFactory(status=CallStatus.PUBLISHED, deadline=None)
    now = timezone.now()

    assert call.is_open_at(now) is True
    assert _open_in_sql(call, now) is True


@pytest.mark.parametrize(
    "status", [CallStatus.DRAFT, CallStatus.CLOSED, CallStatus.AWARDED, CallStatus.CANCELLED]
)
def test_call_not_published_is_never_open_in_python_or_sql(db, status):
    call = CallFactory(status=status, deadline=timezone.now() + timedelta(days=3))
    now = timezone.now()

    assert call.is_open_at(now) is False
    assert _open_in_sql(call, now) is False
