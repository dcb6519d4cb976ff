"""The call's editors assign the organisation's evaluators; an assigned
evaluator then opens the applications once the deadline has passed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from nidaa.accounts.models import Role
from nidaa.calls.models import CallStatus
from nidaa.common.models import AuditEntry
from nidaa.evaluation.models import EvaluatorAssignment
from tests.conftest import client_for
from tests.factories import CallFactory, MembershipFactory, UserFactory


@pytest.fixture
def call(org):
    return CallFactory(organization=org, status=CallStatus.PUBLISHED, required_documents=["cv"])


def url(call):
    return reverse("evaluation:evaluators", args=[call.pk])


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("member", 200), ("evaluator", 404), ("outsider", 404), ("anonymous", 302)],
)
def test_only_the_calls_editors_open_the_committee_page(request, call, persona, expected):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_for(user).get(url(call))
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))


def test_assigning_and_withdrawing_an_evaluator_is_audited(call, owner, owner_client, evaluator):
    response = owner_client.post(url(call), {"evaluator": evaluator.pk, "action": "assign"})
    assert (response.status_code, response["Location"]) == (302, url(call))
    assert list(EvaluatorAssignment.objects.values_list("call_id", "evaluator_id")) == [
        (call.pk, evaluator.pk)
    ]
    page = owner_client.get(url(call))
    assert [(user.pk, assigned) for user, assigned in page.context["rows"]] == [(evaluator.pk, True)]

    owner_client.post(url(call), {"evaluator": evaluator.pk, "action": "unassign"})
    assert EvaluatorAssignment.objects.count() == 0
    actions = list(
        AuditEntry.objects.filter(object_type="calls.call", object_id=call.pk)
        .order_by("id")
        .values_list("action", "actor", "data")
    )
    assert actions == [
        ("assign_evaluator", owner.pk, {"evaluator": evaluator.pk}),
        ("unassign_evaluator", owner.pk, {"evaluator": evaluator.pk}),
    ]


def test_editors_and_outsiders_cannot_be_assigned(call, owner_client, member, outsider):
    for user in (member, outsider):
        assert owner_client.post(url(call), {"evaluator": user.pk, "action": "assign"}).status_code == 404
    assert EvaluatorAssignment.objects.count() == 0


def test_an_outsider_cannot_assign_to_anothers_call(call, outsider_client, evaluator):
    assert outsider_client.post(url(call), {"evaluator": evaluator.pk}).status_code == 404
    assert EvaluatorAssignment.objects.count() == 0


def test_the_form_needs_its_csrf_token(call, owner, evaluator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    assert client.post(url(call), {"evaluator": evaluator.pk}).status_code == 403
    assert EvaluatorAssignment.objects.count() == 0


def test_an_assigned_evaluator_opens_the_applications_after_the_deadline(call, owner_client, org):
    evaluator = MembershipFactory(
        user=UserFactory(username="eva"), organization=org, role=Role.EVALUATOR
    ).user
    applications = reverse("applications:call_applications", args=[call.pk])
    call.deadline = timezone.now() - timedelta(minutes=1)
    call.save(update_fields=["deadline"])
    assert client_for(evaluator).get(applications).status_code == 404

    owner_client.post(url(call), {"evaluator": evaluator.pk, "action": "assign"})

    assert client_for(evaluator).get(applications).status_code == 200
