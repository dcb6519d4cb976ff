"""Two admins at once on PostgreSQL (SQLite writes one transaction at a time):
the organisation keeps an admin, and an invitation makes one membership."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections

from nidaa.accounts import services
from nidaa.accounts.models import Invitation, Membership, Role
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Run each call in its own thread and connection, released together;
    returns each one's result or the exception it raised."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            start.wait()
            results[index] = call()
        except Exception as error:  # returned to the test
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, call)) for n, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_admins_stepping_down_at_once_leave_one_admin():
    org = OrganizationFactory(slug="deux-admins")
    first = MembershipFactory(user=UserFactory(username="a1"), organization=org, role=Role.ADMIN)
    second = MembershipFactory(user=UserFactory(username="a2"), organization=org, role=Role.ADMIN)

    results = at_once(
        lambda: services.change_member_role(membership=first, role=Role.EDITOR, actor=first.user),
        lambda: services.change_member_role(membership=second, role=Role.EDITOR, actor=second.user),
    )

    refused = [r for r in results if isinstance(r, services.MembershipError)]
    assert [e.code for e in refused] == ["last_admin"]
    assert Membership.objects.filter(organization=org, role=Role.ADMIN).count() == 1


def test_an_admin_removing_the_other_while_being_removed_leaves_one_admin():
    org = OrganizationFactory(slug="deux-admins")
    first = MembershipFactory(user=UserFactory(username="a1"), organization=org, role=Role.ADMIN)
    second = MembershipFactory(user=UserFactory(username="a2"), organization=org, role=Role.ADMIN)

    at_once(
        lambda: services.remove_member(membership=second, actor=first.user),
        lambda: services.remove_member(membership=first, actor=second.user),
    )

    assert Membership.objects.filter(organization=org, role=Role.ADMIN).count() == 1


def test_one_link_accepted_twice_at_once_makes_one_membership():
    org = OrganizationFactory(slug="une-invitation")
    admin = MembershipFactory(user=UserFactory(username="adm"), organization=org, role=Role.ADMIN).user
    invitation = services.invite_member(
        organization=org, email="x@example.org", role=Role.EDITOR, inviter=admin, language="fr"
    )
    invitation.token_hash = services.hash_token("shared-token")
    invitation.save(update_fields=["token_hash"])
    one, two = UserFactory(username="one"), UserFactory(username="two")

    results = at_once(
        lambda: services.accept_invitation(token="shared-token", user=one),
        lambda: services.accept_invitation(token="shared-token", user=two),
    )

    assert sorted(type(r).__name__ for r in results) == ["InvitationError", "Membership"]
    assert Membership.objects.filter(organization=org, user__in=[one, two]).count() == 1
    assert Invitation.objects.get().accepted_by in (one, two)
