"""An organisation's members: invitations sent, resent and revoked, roles
changed, members removed; the last admin stays. Every page with the owner
(admin), a member (editor), an evaluator, an outsider and an anonymous visitor."""

import re

import pytest
from django.core import mail

from nidaa.accounts import services
from nidaa.accounts.models import Invitation, Membership, Role
from nidaa.common.models import AuditEntry
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

MEMBERS = "/fr/accounts/organizations/alci-demo/members/"


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NIDAA_SITE_URL = "https://nidaa.example.ma"


def link_in(message) -> str:
    return re.search(r"https://nidaa\.example\.ma(/\w\w/accounts/invitations/[-\w]+/)", message.body).group(1)


def audit_actions(org) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_type="accounts.organization", object_id=org.pk)
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- the members page: who may see it ------------------------------------------------


@pytest.mark.parametrize(("persona", "status"), [("owner", 200), ("member", 200), ("evaluator", 200)])
def test_members_of_the_organisation_see_its_members(request, persona, status, owner, member, evaluator):
    response = client_for(request.getfixturevalue(persona)).get(MEMBERS)
    assert response.status_code == status
    assert [m.user.username for m in response.context["memberships"]] == ["evaluator", "member", "owner"]


def test_only_the_admin_sees_the_invitation_form_and_pending_invitations(owner, member, org):
    services.invite_member(
        organization=org, email="new@example.org", role=Role.EDITOR, inviter=owner, language="fr"
    )
    as_owner = client_for(owner).get(MEMBERS)
    as_member = client_for(member).get(MEMBERS)
    assert [i.email for i in as_owner.context["invitations"]] == ["new@example.org"]
    assert "Envoyer l’invitation" in as_owner.content.decode()
    assert list(as_member.context["invitations"]) == []
    assert "Envoyer l’invitation" not in as_member.content.decode()
    assert "new@example.org" not in as_member.content.decode()


def test_outsider_gets_not_found_and_anonymous_is_sent_to_sign_in(outsider_client, anon_client, owner):
    assert outsider_client.get(MEMBERS).status_code == 404
    response = anon_client.get(MEMBERS)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/accounts/login/?next=")


def test_my_organisation_goes_straight_to_the_members_of_the_only_one(owner_client):
    response = owner_client.get("/fr/accounts/organizations/")
    assert response.status_code == 302
    assert response["Location"] == MEMBERS


def test_someone_without_organisation_has_no_organisation_page(applicant_client):
    assert applicant_client.get("/fr/accounts/organizations/").status_code == 404


# --- inviting -----------------------------------------------------------------------


def test_admin_invites_by_email_and_the_mail_leaves_after_commit_in_the_inviters_language(
    owner_client, owner, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client_for(owner).post(
            "/ar/accounts/organizations/alci-demo/members/",
            {"email": "Salma@Example.org", "role": "evaluator"},
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.inviter, invitation.language) == (
        "Salma@Example.org",
        "evaluator",
        owner,
        "ar",
    )
    [message] = mail.outbox
    assert message.to == ["Salma@Example.org"]
    assert "دعوة للانضمام" in message.subject
    link = link_in(message)
    assert link.startswith("/ar/accounts/invitations/")
    # Only the token's hash is stored.
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in invitation.token_hash
    assert invitation.token_hash == services.hash_token(token)
    assert audit_actions(org) == ["invite_member"]


def test_no_mail_leaves_when_the_invitation_is_rolled_back(owner, org):
    # Without a commit (the test's transaction is never committed) nothing is sent.
    services.invite_member(
        organization=org, email="x@example.org", role=Role.EDITOR, inviter=owner, language="fr"
    )
    assert mail.outbox == []


@pytest.mark.parametrize("persona", ["member", "evaluator"])
def test_editors_and_evaluators_cannot_invite(request, persona, owner):
    response = client_for(request.getfixturevalue(persona)).post(
        MEMBERS, {"email": "x@example.org", "role": "admin"}
    )
    assert response.status_code == 404
    assert Invitation.objects.count() == 0


def test_outsider_and_anonymous_cannot_invite(outsider_client, anon_client, owner):
    assert outsider_client.post(MEMBERS, {"email": "x@example.org", "role": "admin"}).status_code == 404
    assert anon_client.post(MEMBERS, {"email": "x@example.org", "role": "admin"}).status_code == 302
    assert Invitation.objects.count() == 0


def test_inviting_a_member_again_is_refused_with_a_message(owner_client, member):
    response = owner_client.post(MEMBERS, {"email": "MEMBER@example.org", "role": "admin"})
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [
        "Cette adresse appartient déjà à un membre de l’organisation."
    ]
    assert Invitation.objects.count() == 0


def test_a_bad_address_or_role_is_refused(owner_client):
    response = owner_client.post(MEMBERS, {"email": "not an address", "role": "superuser"})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"email", "role"}


def test_inviting_the_same_address_twice_renews_the_one_invitation(
    owner, org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invite_member(
            organization=org, email="x@example.org", role=Role.EDITOR, inviter=owner, language="fr"
        )
    old_hash = first.token_hash
    with django_capture_on_commit_callbacks(execute=True):
        second = services.invite_member(
            organization=org, email="X@example.org", role=Role.ADMIN, inviter=owner, language="fr"
        )
    assert second.pk == first.pk
    assert Invitation.objects.get().role == "admin"
    assert Invitation.objects.get().token_hash != old_hash
    assert len(mail.outbox) == 2


# --- resending and revoking ---------------------------------------------------------------


def invitation_url(org, invitation) -> str:
    return f"/fr/accounts/organizations/{org.slug}/invitations/{invitation.pk}/"


def test_admin_resends_with_a_new_link_and_the_old_one_stops_working(
    owner, org, owner_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_member(
            organization=org, email="x@example.org", role=Role.EDITOR, inviter=owner, language="fr"
        )
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(invitation_url(org, invitation), {"action": "resend"})
    assert response.status_code == 302
    old, new = (link_in(m) for m in mail.outbox)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert audit_actions(org) == ["invite_member", "resend_invitation"]


def test_admin_revokes_and_the_link_stops_working(
    owner, org, owner_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invite_member(
            organization=org, email="x@example.org", role=Role.EDITOR, inviter=owner, language="fr"
        )
    response = owner_client.post(invitation_url(org, invitation), {"action": "revoke"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    page = client.get(link_in(mail.outbox[0]))
    assert page.status_code == 404
    assert "n’est pas valide" in page.content.decode()
    assert audit_actions(org) == ["invite_member", "revoke_invitation"]


@pytest.mark.parametrize("persona", ["member", "evaluator", "outsider"])
def test_only_the_admin_resends_or_revokes(request, persona, owner, org):
    invitation = services.invite_member(
        organization=org, email="x@example.org", role=Role.EDITOR, inviter=owner, language="fr"
    )
    client = client_for(request.getfixturevalue(persona))
    assert client.post(invitation_url(org, invitation), {"action": "revoke"}).status_code == 404
    assert Invitation.objects.get().revoked_at is None


def test_anonymous_cannot_revoke(owner, org, anon_client):
    invitation = services.invite_member(
        organization=org, email="x@example.org", role=Role.EDITOR, inviter=owner, language="fr"
    )
    assert anon_client.post(invitation_url(org, invitation), {"action": "revoke"}).status_code == 302
    assert Invitation.objects.get().revoked_at is None


# --- roles and removal ---------------------------------------------------------------------


def change_url(membership) -> str:
    return f"/fr/accounts/organizations/{membership.organization.slug}/members/{membership.pk}/"


def test_admin_changes_a_role_and_it_is_audited(owner_client, member, org):
    membership = Membership.objects.get(user=member)
    response = owner_client.post(change_url(membership), {"action": "role", "role": "evaluator"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "evaluator"
    entry = AuditEntry.objects.get(action="change_member_role")
    assert (entry.from_state, entry.to_state, entry.data) == ("editor", "evaluator", {"user": member.pk})


def test_admin_removes_a_member_and_it_is_audited(owner_client, member, org):
    membership = Membership.objects.get(user=member)
    assert owner_client.post(change_url(membership), {"action": "remove"}).status_code == 302
    assert not Membership.objects.filter(user=member).exists()
    assert audit_actions(org) == ["remove_member"]


def test_the_last_admin_cannot_be_demoted(owner_client, owner):
    membership = Membership.objects.get(user=owner)
    response = owner_client.post(change_url(membership), {"action": "role", "role": "editor"}, follow=True)
    membership.refresh_from_db()
    assert membership.role == "admin"
    assert "au moins un administrateur" in response.content.decode()


def test_the_last_admin_cannot_leave(owner_client, owner):
    membership = Membership.objects.get(user=owner)
    owner_client.post(change_url(membership), {"action": "remove"})
    assert Membership.objects.filter(user=owner, role="admin").exists()


def test_with_a_second_admin_the_first_may_step_down(owner, member, org):
    services.change_member_role(membership=Membership.objects.get(user=member), role=Role.ADMIN, actor=owner)
    services.change_member_role(membership=Membership.objects.get(user=owner), role=Role.EDITOR, actor=owner)
    assert list(Membership.objects.filter(role="admin").values_list("user__username", flat=True)) == [
        "member"
    ]


def test_the_last_admin_rule_holds_in_the_service(owner):
    with pytest.raises(services.MembershipError) as error:
        services.remove_member(membership=Membership.objects.get(user=owner), actor=owner)
    assert error.value.code == "last_admin"


@pytest.mark.parametrize("persona", ["member", "evaluator"])
def test_editors_and_evaluators_cannot_change_others(request, persona, owner):
    client = client_for(request.getfixturevalue(persona))
    target = Membership.objects.get(user=owner)
    assert client.post(change_url(target), {"action": "role", "role": "evaluator"}).status_code == 404
    assert client.post(change_url(target), {"action": "remove"}).status_code == 404
    target.refresh_from_db()
    assert target.role == "admin"


def test_a_member_may_leave(member_client, member, owner):
    response = member_client.post(change_url(Membership.objects.get(user=member)), {"action": "remove"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/"
    assert not Membership.objects.filter(user=member).exists()


def test_outsider_and_anonymous_cannot_change_members(outsider_client, anon_client, member):
    target = Membership.objects.get(user=member)
    assert outsider_client.post(change_url(target), {"action": "remove"}).status_code == 404
    assert anon_client.post(change_url(target), {"action": "remove"}).status_code == 302
    assert Membership.objects.filter(user=member).exists()


def test_a_membership_of_another_organisation_is_not_found(owner_client, outsider):
    target = Membership.objects.get(user=outsider)
    url = f"/fr/accounts/organizations/alci-demo/members/{target.pk}/"
    assert owner_client.post(url, {"action": "remove"}).status_code == 404
    assert Membership.objects.filter(user=outsider).exists()


def test_invitations_are_limited_per_user(owner_client, settings):
    settings.RATE_LIMIT_INVITE = "2/h"
    for n in range(2):
        assert owner_client.post(MEMBERS, {"email": f"p{n}@example.org", "role": "editor"}).status_code == 302
    response = owner_client.post(MEMBERS, {"email": "p3@example.org", "role": "editor"})
    assert response.status_code == 429
    assert Invitation.objects.count() == 2
    invitation = Invitation.objects.first()
    resend = owner_client.post(invitation_url(invitation.organization, invitation), {"action": "resend"})
    assert resend.status_code == 429
