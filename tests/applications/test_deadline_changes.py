"""An issuer may extend a deadline (audited, applicants with drafts told) but
not bring it forward, nor break the seal, once applications exist."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nidaa.applications.services import save_draft, submit_application
from nidaa.calls.services import DeadlineShortened, SealBroken, update_call
from nidaa.common.models import AuditEntry
from tests.applications.conftest import docx_upload, pdf_upload
from tests.factories import UserFactory


@pytest.fixture
def issuer_call(call, owner):
    call.organization = owner.memberships.get().organization
    call.save(update_fields=["organization"])
    return call


def test_extension_is_audited_and_announced_to_applicants_with_drafts(
    issuer_call, owner, applicant, django_capture_on_commit_callbacks
):
    save_draft(call=issuer_call, applicant=applicant, files={"cv": pdf_upload()})
    submitted = UserFactory(username="karim", email="karim@example.org")
    submit_application(
        call=issuer_call, applicant=submitted, files={"cv": pdf_upload(), "cover_letter": docx_upload()}
    )
    old = issuer_call.deadline
    new = old + timedelta(days=7)

    with django_capture_on_commit_callbacks(execute=True):
        update_call(call=issuer_call, actor=owner, changes={"deadline": new})

    entry = AuditEntry.objects.get(
        object_type="calls.call", object_id=issuer_call.pk, action="extend_deadline"
    )
    assert (entry.actor, entry.from_state, entry.to_state) == (
        owner,
        old.isoformat(timespec="minutes"),
        new.isoformat(timespec="minutes"),
    )
    # Only the applicant whose application is still a draft is told.
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert issuer_call.title in mail.outbox[0].subject
    assert f"/calls/{issuer_call.pk}/apply/" in mail.outbox[0].body


def test_deadline_cannot_be_brought_forward_once_applications_exist(issuer_call, owner, applicant):
    save_draft(call=issuer_call, applicant=applicant, files={"cv": pdf_upload()})
    old = issuer_call.deadline

    with pytest.raises(DeadlineShortened):
        update_call(call=issuer_call, actor=owner, changes={"deadline": old - timedelta(hours=1)})

    issuer_call.refresh_from_db()
    assert issuer_call.deadline == old


def test_deadline_can_be_brought_forward_while_no_one_has_applied(issuer_call, owner):
    new = issuer_call.deadline - timedelta(days=1)
    update_call(call=issuer_call, actor=owner, changes={"deadline": new})
    issuer_call.refresh_from_db()
    assert issuer_call.deadline == new
    assert not AuditEntry.objects.filter(action="extend_deadline").exists()


def test_seal_cannot_be_broken_before_the_deadline_once_applications_exist(issuer_call, owner, applicant):
    submit_application(
        call=issuer_call, applicant=applicant, files={"cv": pdf_upload(), "cover_letter": docx_upload()}
    )

    with pytest.raises(SealBroken):
        update_call(call=issuer_call, actor=owner, changes={"sealed": False})
    issuer_call.refresh_from_db()
    assert issuer_call.sealed is True


def test_review_page_says_why_a_shorter_deadline_is_refused(issuer_call, owner, owner_client, applicant):
    save_draft(call=issuer_call, applicant=applicant, files={"cv": pdf_upload()})
    earlier = timezone.localtime(issuer_call.deadline - timedelta(days=1))
    response = owner_client.post(
        f"/fr/calls/{issuer_call.pk}/review/",
        {
            "title": issuer_call.title,
            "call_type": issuer_call.call_type,
            "timezone": "Africa/Casablanca",
            "deadline": earlier.strftime("%Y-%m-%dT%H:%M"),
            "required_documents": ["cv", "cover_letter"],
            "sealed": "on",
            "save": "",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].errors["deadline"] == [
        "Des candidatures ont été reçues : la date limite peut être prolongée, pas avancée."
    ]
