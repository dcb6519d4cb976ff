from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from nidaa.calls.models import CallRevision, CallStatus
from nidaa.calls.services import CallNotEditable, update_call
from nidaa.common.models import AuditEntry
from tests.factories import CallFactory


def test_editing_a_published_call_writes_a_revision(member, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Ancien titre", participants=20)
    update_call(call=call, actor=member, changes={"title": "Nouveau titre", "participants": 20})
    call.refresh_from_db()
    assert call.title == "Nouveau titre"
    revision = CallRevision.objects.get(call=call)
    assert revision.number == 1
    assert revision.author == member
    assert revision.status == "published"
    assert revision.changed_fields == ["title"]
    assert revision.snapshot["title"] == "Nouveau titre"
    assert revision.snapshot["participants"] == 20
    entry = AuditEntry.objects.get(object_id=call.pk, action="edit")
    assert entry.actor == member
    assert entry.data == {"revision": 1, "fields": ["title"]}


def test_revisions_are_numbered_in_order(member, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED)
    update_call(call=call, actor=member, changes={"title": "Un"})
    update_call(call=call, actor=member, changes={"title": "Deux", "locations": ["Fès", "Meknès"]})
    assert list(
        CallRevision.objects.filter(call=call).order_by("number").values_list("number", "changed_fields")
    ) == [
        (1, ["title"]),
        (2, ["title", "locations"]),
    ]


def test_saving_without_a_change_writes_no_revision(member, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Titre")
    update_call(call=call, actor=member, changes={"title": "Titre"})
    assert CallRevision.objects.count() == 0


def test_new_deadline_is_stored_aware_and_states_a_time(member, org):
    call = CallFactory(organization=org, deadline=None, deadline_has_time=False)
    deadline = datetime(2026, 12, 15, 23, 59, tzinfo=ZoneInfo("Africa/Casablanca"))
    update_call(call=call, actor=member, changes={"deadline": deadline})
    call.refresh_from_db()
    assert call.deadline == deadline
    assert call.deadline_has_time is True
    assert CallRevision.objects.get(call=call).changed_fields == ["deadline", "deadline_has_time"]


@pytest.mark.parametrize("status", [CallStatus.CLOSED, CallStatus.AWARDED, CallStatus.CANCELLED])
def test_closed_awarded_or_cancelled_calls_cannot_be_edited(member, org, status):
    call = CallFactory(organization=org, status=status, title="Titre")
    with pytest.raises(CallNotEditable):
        update_call(call=call, actor=member, changes={"title": "Autre"})
    call.refresh_from_db()
    assert call.title == "Titre"


def test_fields_outside_the_contract_cannot_be_changed(member, org):
    call = CallFactory(organization=org)
    with pytest.raises(ValueError, match="status"):
        update_call(call=call, actor=member, changes={"status": "published"})
