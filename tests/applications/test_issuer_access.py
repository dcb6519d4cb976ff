"""The rules of ``applications.access``: who may open which applications, and when."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from nidaa.accounts.models import Membership
from nidaa.applications import access
from nidaa.applications.models import Application, ApplicationFile
from nidaa.calls.models import Call, CallStatus
from nidaa.evaluation.models import EvaluatorAssignment
from tests.applications.conftest import docx_upload, pdf_upload
from tests.applications.issuer_helpers import (
    assigned_evaluator,
    draft_application,
    draft_file,
    issuer_call,
    web_application,
)
from tests.factories import CallFactory, UserFactory


@pytest.fixture
def opened(org):
    return issuer_call(org, opened=True)


@pytest.fixture
def sealed(org):
    return issuer_call(org, opened=False)


# --- is_sealed -------------------------------------------------------------


def test_call_is_sealed_up_to_and_including_its_deadline_and_opens_just_after(db):
    deadline = timezone.now()
    call = CallFactory(status=CallStatus.PUBLISHED, deadline=deadline, sealed=True)

    assert access.is_sealed(call, now=deadline - timedelta(days=1)) is True
    # A submission at the deadline itself is accepted, so the call is still sealed then.
    assert access.is_sealed(call, now=deadline) is True
    assert access.is_sealed(call, now=deadline + timedelta(microseconds=1)) is False


def test_call_not_sealed_by_its_issuer_is_open_before_the_deadline(db):
    call = CallFactory(status=CallStatus.PUBLISHED, deadline=timezone.now() + timedelta(days=3), sealed=False)
    assert access.is_sealed(call) is False


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (CallStatus.PUBLISHED, True),
        (CallStatus.CLOSED, False),
        (CallStatus.AWARDED, False),
        (CallStatus.CANCELLED, False),
    ],
)
def test_call_without_deadline_stays_sealed_until_it_is_closed(db, status, expected):
    call = CallFactory(status=status, deadline=None, sealed=True)
    assert access.is_sealed(call) is expected


def test_the_sealed_filter_agrees_with_is_sealed(db):
    now = timezone.now()
    calls = [
        CallFactory(status=CallStatus.PUBLISHED, deadline=now + timedelta(days=1), sealed=True),
        CallFactory(status=CallStatus.PUBLISHED, deadline=now, sealed=True),
        CallFactory(status=CallStatus.PUBLISHED, deadline=now - timedelta(seconds=1), sealed=True),
        CallFactory(status=CallStatus.PUBLISHED, deadline=now + timedelta(days=1), sealed=False),
        CallFactory(status=CallStatus.PUBLISHED, deadline=None, sealed=True),
        CallFactory(status=CallStatus.CLOSED, deadline=None, sealed=True),
        CallFactory(status=CallStatus.CLOSED, deadline=now + timedelta(days=1), sealed=True),
    ]

    unsealed = set(Call.objects.filter(access.unsealed_q(now)).values_list("pk", flat=True))

    assert unsealed == {call.pk for call in calls if not access.is_sealed(call, now)}
    assert [access.is_sealed(call, now) for call in calls] == [True, True, False, False, True, False, True]


# --- who reaches a call's applications -----------------------------------


def test_admins_editors_and_assigned_evaluators_reach_the_call(opened, org, owner, member):
    assessor = assigned_evaluator(org, opened)
    for user in (owner, member, assessor):
        assert access.get_call_for_applications(user=user, call_id=opened.pk) == opened


def test_everyone_else_finds_no_call(opened, evaluator, outsider, applicant):
    for user in (evaluator, outsider, applicant, AnonymousUser()):
        with pytest.raises(Call.DoesNotExist):
            access.get_call_for_applications(user=user, call_id=opened.pk)


def test_evaluator_assigned_to_another_call_does_not_reach_this_one(opened, org):
    assessor = assigned_evaluator(org, issuer_call(org, opened=True))
    with pytest.raises(Call.DoesNotExist):
        access.get_call_for_applications(user=assessor, call_id=opened.pk)


def test_assignment_without_membership_is_not_enough(opened, org):
    assessor = assigned_evaluator(org, opened)
    Membership.objects.filter(user=assessor).delete()
    with pytest.raises(Call.DoesNotExist):
        access.get_call_for_applications(user=assessor, call_id=opened.pk)


def test_assignment_to_a_call_of_another_organisation_gives_nothing(opened, other_org, outsider):
    # An admin elsewhere, wrongly assigned here: the membership is what scopes.
    EvaluatorAssignment.objects.create(call=opened, evaluator=outsider)
    with pytest.raises(Call.DoesNotExist):
        access.get_call_for_applications(user=outsider, call_id=opened.pk)


# --- the applications themselves -------------------------------------------


def test_sealed_call_raises_sealed_with_its_opening_time(sealed, owner, applicant):
    web_application(sealed, applicant)

    with pytest.raises(access.Sealed) as excinfo:
        access.applications_for_call(user=owner, call=sealed)

    assert excinfo.value.opens_at == sealed.deadline
    assert access.count_applications(user=owner, call=sealed) == 1


def test_opened_call_lists_submitted_applications_in_order_of_arrival_without_drafts(
    opened, owner, applicant
):
    first = web_application(opened, UserFactory(username="karim"), at=opened.deadline - timedelta(hours=5))
    second = web_application(opened, applicant, at=opened.deadline - timedelta(hours=3))
    draft_application(opened, UserFactory(username="hind"))

    applications = list(access.applications_for_call(user=owner, call=opened))

    assert applications == [first.application, second.application]
    assert access.count_applications(user=owner, call=opened) == 2
    assert Application.objects.filter(call=opened).count() == 3


def test_a_call_loaded_elsewhere_leaks_no_application_to_an_outsider(opened, outsider, applicant):
    web_application(opened, applicant)
    assert list(access.applications_for_call(user=outsider, call=opened)) == []
    assert access.count_applications(user=outsider, call=opened) == 0


def test_application_of_a_sealed_call_is_not_found_even_by_its_owner(sealed, owner, applicant):
    version = web_application(sealed, applicant)
    with pytest.raises(Application.DoesNotExist):
        access.get_application_for_issuer(user=owner, application_id=version.application_id)


def test_draft_application_is_not_found_by_the_issuer(opened, owner, applicant):
    record = draft_application(opened, applicant)
    with pytest.raises(Application.DoesNotExist):
        access.get_application_for_issuer(user=owner, application_id=record.application_id)


# --- files -----------------------------------------------------------------


def test_staff_reach_only_the_latest_versions_files_of_opened_calls(opened, owner, applicant):
    old = web_application(opened, applicant, at=opened.deadline - timedelta(hours=5))
    new = web_application(
        opened,
        applicant,
        files={
            "cv": pdf_upload("cv-2.pdf", b"%PDF-1.7\nnew\n%%EOF\n"),
            "cover_letter": docx_upload("l2.docx"),
        },
        at=opened.deadline - timedelta(hours=4),
    )
    pending = draft_file(new.application, name="prochaine.pdf")

    for record in new.files.all():
        assert access.get_application_file_for(user=owner, file_id=record.pk) == record
    for record in [*old.files.all(), pending]:
        with pytest.raises(ApplicationFile.DoesNotExist):
            access.get_application_file_for(user=owner, file_id=record.pk)


def test_applicant_reaches_all_their_own_files_even_while_sealed(sealed, applicant):
    old = web_application(sealed, applicant, at=timezone.now() - timedelta(hours=2))
    new = web_application(sealed, applicant, at=timezone.now() - timedelta(hours=1))
    pending = draft_file(new.application, name="prochaine.pdf")

    for record in [*old.files.all(), *new.files.all(), pending]:
        assert access.get_application_file_for(user=applicant, file_id=record.pk) == record


def test_nobody_else_reaches_a_file(opened, org, evaluator, outsider, applicant, owner):
    version = web_application(opened, applicant)
    record = version.files.first()
    others = (evaluator, outsider, UserFactory(username="karim"), AnonymousUser())
    for user in others:
        with pytest.raises(ApplicationFile.DoesNotExist):
            access.get_application_file_for(user=user, file_id=record.pk)
    assert access.get_application_file_for(user=owner, file_id=record.pk) == record


def test_staff_reach_no_file_of_a_sealed_call(sealed, org, owner, member, applicant):
    assessor = assigned_evaluator(org, sealed)
    record = web_application(sealed, applicant).files.first()
    for user in (owner, member, assessor):
        with pytest.raises(ApplicationFile.DoesNotExist):
            access.get_application_file_for(user=user, file_id=record.pk)
