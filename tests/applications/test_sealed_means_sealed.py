"""Sealed means sealed (issue 10, item 1): once applications exist, no edit
of the deadline, the status or the seal, through the review form or the Django
admin, opens them before the latest deadline the call ever had."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.applications import access
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.services import DeadlineRemoved, change_call_status, update_call
from tests.applications.issuer_helpers import issuer_call, web_application
from tests.conftest import client_for
from tests.factories import UserFactory


@pytest.fixture
def sealed_call(org, owner):
    call = issuer_call(org, opened=False)
    web_application(call, UserFactory(username="karim", email="karim@example.org"))
    return call


def _review_post(call: Call, **fields):
    data = {
        "title": call.title,
        "call_type": call.call_type,
        "timezone": "Africa/Casablanca",
        "deadline": "",
        "required_documents": ["cv", "cover_letter"],
        "sealed": "on",
        "save": "",
    }
    data.update(fields)
    return data


def test_editor_emptying_the_deadline_then_closing_does_not_open_applications(sealed_call, member):
    editor = client_for(member)
    application = sealed_call.applications.get()

    response = editor.post(f"/fr/calls/{sealed_call.pk}/review/", _review_post(sealed_call))
    assert response.status_code == 400
    assert response.context["form"].errors["deadline"] == [
        "Des candidatures ont été reçues : la date limite peut être prolongée, pas supprimée."
    ]
    sealed_call.refresh_from_db()
    assert sealed_call.deadline is not None
    change_call_status(call=sealed_call, actor=member, target=CallStatus.CLOSED)

    assert editor.get(f"/fr/applications/calls/{sealed_call.pk}/received.zip").status_code == 403
    assert editor.get(f"/fr/applications/{application.pk}/").status_code == 404
    file = application.versions.get().files.first()
    assert editor.get(f"/fr/applications/files/{file.pk}/").status_code == 404


def test_deadline_cannot_be_removed_once_applications_exist(sealed_call, owner):
    deadline = sealed_call.deadline
    with pytest.raises(DeadlineRemoved):
        update_call(call=sealed_call, actor=owner, changes={"deadline": None})
    sealed_call.refresh_from_db()
    assert sealed_call.deadline == deadline


def test_call_stays_sealed_until_its_latest_deadline_whatever_its_status(sealed_call, owner):
    later = sealed_call.deadline + timedelta(days=10)
    update_call(call=sealed_call, actor=owner, changes={"deadline": later})
    sealed_call.refresh_from_db()
    assert sealed_call.sealed_until == later
    # Whatever lowers the deadline afterwards (a shell, a future bug), the seal holds.
    Call.objects.filter(pk=sealed_call.pk).update(deadline=None, status=CallStatus.CLOSED)
    sealed_call.refresh_from_db()

    assert access.is_sealed(sealed_call, now=later) is True
    assert access.is_sealed(sealed_call, now=later + timedelta(seconds=1)) is False
    opened_then = Call.objects.filter(access.unsealed_q(later), pk=sealed_call.pk)
    opened_after = Call.objects.filter(access.unsealed_q(later + timedelta(seconds=1)), pk=sealed_call.pk)
    assert (opened_then.exists(), opened_after.exists()) == (False, True)


def test_call_that_never_had_a_deadline_opens_when_closed(org, owner):
    call = issuer_call(org, opened=False, deadline=None)
    web_application(call, UserFactory(username="karim", email="karim@example.org"), at=timezone.now())
    assert access.is_sealed(call) is True
    change_call_status(call=call, actor=owner, target=CallStatus.CLOSED)
    call.refresh_from_db()
    assert access.is_sealed(call) is False
    assert Call.objects.filter(access.unsealed_q(), pk=call.pk).exists()


@pytest.fixture
def superuser_client(db):
    root = UserFactory(username="root", email="root@example.org", is_staff=True, is_superuser=True)
    return client_for(root)


def test_admin_unticking_sealed_does_not_open_applications(sealed_call, superuser_client):
    page = superuser_client.get(f"/admin/calls/call/{sealed_call.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert {"organization", "deadline", "sealed"} & set(form.fields) == set()

    # A crafted POST without the read-only fields leaves them as they were.
    response = superuser_client.post(
        f"/admin/calls/call/{sealed_call.pk}/change/",
        {
            **{name: form[name].value() or "" for name in form.fields if name != "territories"},
            "call_type": sealed_call.call_type,
            "timezone": sealed_call.timezone,
            "title": sealed_call.title,
            "sealed": "",
            "deadline_0": "",
            "deadline_1": "",
            "organization": "",
            "revisions-TOTAL_FORMS": "0",
            "revisions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    sealed_call.refresh_from_db()
    assert (sealed_call.sealed, sealed_call.deadline is not None) == (True, True)
    assert access.is_sealed(sealed_call) is True


def test_admin_may_set_the_seal_of_a_new_call(superuser_client):
    page = superuser_client.get("/admin/calls/call/add/")
    assert {"organization", "deadline", "sealed"} <= set(page.context["adminform"].form.fields)


def test_migration_seals_calls_whose_deadline_was_emptied_before_until_their_latest_one(sealed_call, owner):
    import importlib

    from django.apps import apps

    from nidaa.calls.models import CallRevision

    migration = importlib.import_module("nidaa.calls.migrations.0008_call_sealed_until")
    latest = sealed_call.deadline + timedelta(days=5)
    CallRevision.objects.create(
        call=sealed_call,
        number=1,
        author=owner,
        status=sealed_call.status,
        snapshot={"deadline": latest.isoformat()},
    )
    # As the attack left it: the deadline emptied through the review form.
    Call.objects.filter(pk=sealed_call.pk).update(deadline=None, sealed_until=None)

    migration.seal_until_latest_deadline(apps, None)

    sealed_call.refresh_from_db()
    assert sealed_call.sealed_until == latest
