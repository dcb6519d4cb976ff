import pytest

from nidaa.calls.models import CallStatus
from nidaa.calls.services import change_call_status, close_call, publish_call
from nidaa.common.models import AuditEntry
from nidaa.common.workflow import TransitionNotAllowed
from tests.factories import CallFactory

ALLOWED = {
    ("draft", "published"),
    ("draft", "cancelled"),
    ("published", "closed"),
    ("published", "cancelled"),
    ("closed", "awarded"),
    ("closed", "cancelled"),
}
ALL_PAIRS = [(s, t) for s in CallStatus.values for t in CallStatus.values if s != t]


def audit_rows(call):
    return list(
        AuditEntry.objects.filter(object_type="calls.call", object_id=call.pk)
        .order_by("id")
        .values_list("actor__username", "action", "from_state", "to_state")
    )


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_editor_may_make_exactly_the_workflow_transitions(member, org, source, target):
    # A call applicants can answer (an address to write to): publishing it asks no confirmation.
    call = CallFactory(organization=org, status=source, submission_emails=["recrutement@example.org"])
    if (source, target) in ALLOWED:
        # A call applicants have seen is cancelled only with a reason.
        change_call_status(call=call, target=target, actor=member, reason="Projet suspendu.")
        call.refresh_from_db()
        assert call.status == target
        assert audit_rows(call)[-1][1:] == (
            {"published": "publish", "closed": "close", "awarded": "award", "cancelled": "cancel"}[target],
            source,
            target,
        )
    else:
        with pytest.raises(TransitionNotAllowed):
            change_call_status(call=call, target=target, actor=member)
        call.refresh_from_db()
        assert call.status == source
        assert audit_rows(call) == []


def test_publishing_records_who_when_from_and_to(owner, org):
    call = CallFactory(organization=org, status=CallStatus.DRAFT, submission_emails=["r@example.org"])
    publish_call(call=call, actor=owner)
    call.refresh_from_db()
    assert call.status == "published"
    assert call.published_at is not None
    assert audit_rows(call) == [("owner", "publish", "draft", "published")]
    assert AuditEntry.objects.get(object_id=call.pk).at is not None


def test_evaluator_cannot_publish(evaluator, org):
    call = CallFactory(organization=org, status=CallStatus.DRAFT)
    with pytest.raises(TransitionNotAllowed):
        publish_call(call=call, actor=evaluator)
    call.refresh_from_db()
    assert call.status == "draft"
    assert call.published_at is None
    assert audit_rows(call) == []


def test_outsider_cannot_close_another_organisations_call(outsider, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    with pytest.raises(TransitionNotAllowed):
        close_call(call=call, actor=outsider)
    call.refresh_from_db()
    assert call.status == "published"


def test_command_line_acts_as_administrator(org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    close_call(call=call, actor=None)
    assert audit_rows(call) == [(None, "close", "published", "closed")]
