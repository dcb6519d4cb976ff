"""At the deadline itself the call has closed, for every part of the site:
the catalogue (``open_q``), the call and apply pages (``Call.is_open_at``),
the submission service and the e-mail intake's lateness flag. A microsecond
before, all of them still take applications."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from nidaa.applications.models import Application
from nidaa.applications.services import DeadlinePassed, submit_application
from nidaa.calls.models import CallStatus
from tests.applications.conftest import docx_upload, pdf_upload
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db

PASSED = "La date limite est dépassée : les candidatures ne sont plus acceptées."


@pytest.fixture
def closing_call():
    return CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=1),
        required_documents=["cv", "cover_letter"],
    )


def _files():
    return {"cv": pdf_upload(), "cover_letter": docx_upload()}


def test_a_submission_at_the_deadline_itself_is_refused(closing_call, applicant):
    with pytest.raises(DeadlinePassed):
        submit_application(call=closing_call, applicant=applicant, files=_files(), now=closing_call.deadline)
    assert Application.objects.count() == 0


def test_a_submission_a_microsecond_before_the_deadline_is_accepted(closing_call, applicant):
    before = closing_call.deadline - timedelta(microseconds=1)
    version = submit_application(call=closing_call, applicant=applicant, files=_files(), now=before)
    assert (version.number, version.is_late) == (1, False)


@pytest.mark.parametrize(("offset", "is_open"), [(timedelta(microseconds=-1), True), (timedelta(0), False)])
def test_the_apply_page_and_the_service_agree_at_the_boundary(
    closing_call, applicant_client, monkeypatch, offset, is_open
):
    moment = closing_call.deadline + offset
    monkeypatch.setattr(timezone, "now", lambda: moment)
    response = applicant_client.get(reverse("applications:apply", args=[closing_call.pk]))
    assert response.status_code == 200
    assert response.context["is_open"] is is_open
    assert response.context["error"] == ("" if is_open else PASSED)
    assert closing_call.is_open_at(moment) is is_open


@pytest.mark.parametrize(("offset", "late"), [(timedelta(microseconds=-1), False), (timedelta(0), True)])
def test_what_arrives_at_the_deadline_itself_is_late(closing_call, offset, late):
    assert closing_call.deadline_passed_at(closing_call.deadline + offset) is late
