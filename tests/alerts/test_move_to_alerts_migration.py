"""Saved searches and follows moved from the accounts app to nidaa.alerts: a
database migrated before the move keeps them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import CallFactory, UserFactory

BEFORE = [("accounts", "0002_applicant_profile_saved_searches_alerts"), ("common", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_saved_searches_and_follows_written_before_the_move_are_read_through_the_alerts_models():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = migrate(BEFORE)
        # Users and calls are untouched by the move: today's models write them.
        user, call = UserFactory(username="amina"), CallFactory()
        search = old.get_model("accounts", "SavedSearch").objects.create(
            user_id=user.pk, name="Fès", params={"q": "formateur"}
        )
        old.get_model("accounts", "DigestEntry").objects.create(saved_search_id=search.pk, call_id=call.pk)
        old.get_model("accounts", "FollowedCall").objects.create(user_id=user.pk, call_id=call.pk)

        new = migrate(latest)

        kept = new.get_model("alerts", "SavedSearch").objects.get(pk=search.pk)
        assert (kept.user.username, kept.params, kept.sent.get().call_id) == (
            "amina",
            {"q": "formateur"},
            call.pk,
        )
        followed = new.get_model("alerts", "FollowedCall").objects.values_list("user_id", "call_id")
        assert list(followed) == [(user.pk, call.pk)]
    finally:
        migrate(latest)
