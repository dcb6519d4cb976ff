"""Who may evaluate is the evaluation app's rule, plugged into the
applications' access at start-up: applications never imports evaluation."""

from nidaa.accounts.models import Role
from nidaa.applications import access
from nidaa.evaluation.access import assigned_calls_q
from tests.factories import CallFactory, EvaluatorAssignmentFactory, MembershipFactory


def test_the_evaluation_app_grants_its_rule_at_start_up():
    assert assigned_calls_q in access._reader_rules


def test_an_assigned_evaluator_reads_only_the_assigned_calls(db):
    assignment = EvaluatorAssignmentFactory()
    CallFactory(organization=assignment.call.organization)  # same organisation, not assigned

    assert list(access.calls_with_applications_for(assignment.evaluator)) == [assignment.call]


def test_without_the_evaluation_rule_evaluators_read_nothing(db, monkeypatch):
    # Fails closed: the applications app alone grants only admins and editors.
    monkeypatch.setattr(access, "_reader_rules", [])
    assignment = EvaluatorAssignmentFactory()
    editor = MembershipFactory(organization=assignment.call.organization, role=Role.EDITOR).user

    assert list(access.calls_with_applications_for(assignment.evaluator)) == []
    assert list(access.calls_with_applications_for(editor)) == [assignment.call]
