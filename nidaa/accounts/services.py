"""Writes on accounts: applicants' profiles, organisations' members and invitations."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from nidaa.accounts.models import Invitation, Membership, Organization, Profile, Role, User
from nidaa.common.filetypes import sha256_of
from nidaa.common.workflow import write_audit
from nidaa.directory.models import Territory

# How long an invitation link works: long enough for someone back from a
# week's mission, short enough that an old mailbox is not a key forever.
INVITATION_VALIDITY = timedelta(days=7)


def get_or_create_profile(*, user: User) -> Profile:
    """The user's profile, created empty on first use."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    skills: list[str],
    languages: list[str],
    regions: Iterable[Territory],
    bio: str,
    is_public: bool,
    cv: object | None = None,
    cv_kind: str = "",
    first_name: str | None = None,
    last_name: str | None = None,
) -> Profile:
    """Save the profile's fields and, when given, replace its CV (already checked:
    ``cv_kind`` is pdf, docx or odt) and the account's name. The previous CV
    file is deleted once the new one is committed."""
    if first_name is not None and last_name is not None:
        user = profile.user
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    profile.skills = skills
    profile.languages = languages
    profile.bio = bio
    profile.is_public = is_public
    update_fields = ["skills", "languages", "bio", "is_public", "updated_at"]
    if cv is not None:
        old_name = profile.cv.name if profile.cv else ""
        profile.cv_original_name = str(getattr(cv, "name", ""))[:255]
        profile.cv_sha256 = sha256_of(cv.chunks())  # type: ignore[attr-defined]
        profile.cv.save(f"cv.{cv_kind}", cv, save=False)  # type: ignore[arg-type]
        update_fields += ["cv", "cv_original_name", "cv_sha256"]
        if old_name:
            storage = profile.cv.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    profile.save(update_fields=update_fields)
    profile.regions.set(regions)
    return profile


def mark_email_verified(*, user: User) -> None:
    """Record the user's e-mail as verified (accounts created by an administrator
    or a loader, which never went through allauth's sign-up)."""
    if not user.email:
        return
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )


class MembershipError(Exception):
    """A change to an organisation's members that is refused; ``code`` says why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class InvitationError(Exception):
    """An invitation link that cannot be used: ``code`` is "invalid" (unknown
    token or revoked), "expired" or "used"."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class InvitationPurpose:
    """What an app above accounts adds to an invitation it sent through
    ``invite_member`` (evaluation: a seat on a call's committee): the e-mail's
    subject and opening sentence, in the invitation's language; called with
    translation active."""

    subject: str
    lead: str


# Seams for the apps above accounts (filled at their ``ready()``), so that one
# invitation mechanism serves them all without accounts importing them:
# ``describe`` words the e-mail, ``on_accept`` acts in the accepting
# transaction, ``landing`` says where the new member goes next.
_describers: list[Callable[[Invitation], InvitationPurpose | None]] = []
_acceptors: list[Callable[[Invitation, User], None]] = []
_landings: list[Callable[[Invitation], str | None]] = []


def add_invitation_purpose(
    *,
    describe: Callable[[Invitation], InvitationPurpose | None],
    on_accept: Callable[[Invitation, User], None],
    landing: Callable[[Invitation], str | None],
) -> None:
    if describe not in _describers:
        _describers.append(describe)
        _acceptors.append(on_accept)
        _landings.append(landing)


def invitation_purpose(invitation: Invitation) -> InvitationPurpose | None:
    return next((purpose for describe in _describers if (purpose := describe(invitation))), None)


def invitation_landing(invitation: Invitation) -> str | None:
    """Where someone who accepted ``invitation`` goes next, if an app says so."""
    return next((url for landing in _landings if (url := landing(invitation))), None)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(*, token: str, language: str) -> str:
    with translation.override(language):
        return settings.NIDAA_SITE_URL + reverse("accounts:invitation", kwargs={"token": token})


def send_invitation_email(*, invitation_id: int, token: str) -> None:
    """The invitation e-mail, in the language the inviter was using. Called
    after commit: a rolled-back invitation sends nothing."""
    invitation = Invitation.objects.select_related("organization", "inviter").get(pk=invitation_id)
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "organization": invitation.organization,
            "inviter": invitation.inviter,
            "role": invitation.get_role_display(),
            "url": invitation_url(token=token, language=invitation.language),
            "expires_at": invitation.expires_at,
            "site_name": settings.NIDAA_SITE_NAME,
        }
        purpose = invitation_purpose(invitation)
        context["lead"] = purpose.lead if purpose else ""
        subject = (
            purpose.subject
            if purpose
            else render_to_string("accounts/email/invitation_subject.txt", context).strip()
        )
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def _new_token(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + INVITATION_VALIDITY
    return token


def _queue_email(invitation: Invitation, token: str) -> None:
    invitation_id = invitation.pk
    transaction.on_commit(lambda: send_invitation_email(invitation_id=invitation_id, token=token))


@transaction.atomic
def invite_member(
    *, organization: Organization, email: str, role: str, inviter: User | None, language: str
) -> Invitation:
    """Invite ``email`` to join ``organization`` with ``role`` and e-mail the
    link (after commit), in ``language``. ``inviter`` is None for the command
    line (the instance's operator). Inviting an address that already has
    a pending invitation renews that one (new role, new link, new expiry);
    an address that is already a member's is refused ("already_member")."""
    email = email.strip()
    if role not in Role.values:
        raise MembershipError("invalid_role")
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise MembershipError("already_member")
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organization=organization, email__iexact=email, accepted_at=None, revoked_at=None)
        .first()
    )
    if invitation is None:
        invitation = Invitation(organization=organization, email=email)
    invitation.role = role
    invitation.inviter = inviter
    invitation.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    token = _new_token(invitation)
    invitation.save()
    write_audit(obj=organization, actor=inviter, action="invite_member", data={"email": email, "role": role})
    _queue_email(invitation, token)
    return invitation


@transaction.atomic
def resend_invitation(*, invitation: Invitation, actor: User) -> Invitation:
    """A new link (the previous one stops working) and a new week to use it."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationError("used" if invitation.accepted_at else "invalid")
    token = _new_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    write_audit(
        obj=invitation.organization, actor=actor, action="resend_invitation", data={"email": invitation.email}
    )
    _queue_email(invitation, token)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, actor: User) -> None:
    """The link stops working; an accepted invitation is left as it is."""
    updated = Invitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    if updated:
        write_audit(
            obj=invitation.organization,
            actor=actor,
            action="revoke_invitation",
            data={"email": invitation.email},
        )


def pending_invitation(*, token: str) -> Invitation:
    """The invitation a link's token opens, if it can still be accepted;
    raises ``InvitationError`` ("invalid", "expired" or "used") otherwise."""
    invitation = (
        Invitation.objects.select_related("organization", "inviter")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None or invitation.revoked_at:
        raise InvitationError("invalid")
    if invitation.accepted_at:
        raise InvitationError("used")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("expired")
    return invitation


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Membership:
    """Make ``user`` a member of the invitation's organisation with its role.

    The rule on addresses: the token proves that its holder received the
    e-mail sent to the invited address, which is what the inviter asked for,
    so it may be accepted by an account with another address (people keep a
    personal and a work address). What keeps this safe: the token is single
    use, expires, is stored hashed, is replaced on resend, and the audit
    records both the invited address and the account that accepted.

    Someone who is already a member keeps their role (an invitation is not a
    way to change one; an admin does that on the members page)."""
    invitation = pending_invitation(token=token)
    # Locked and checked again: two tabs accepting at once make one membership.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationError("used" if invitation.accepted_at else "invalid")
    membership, created = Membership.objects.get_or_create(
        user=user, organization_id=invitation.organization_id, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    for on_accept in _acceptors:
        on_accept(invitation, user)
    write_audit(
        obj=invitation.organization,
        actor=user,
        action="accept_invitation",
        data={
            "email": invitation.email,
            "account_email": user.email,
            "role": membership.role,
            "joined": created,
        },
    )
    return membership


def _lock_admins(organization_id: int) -> list[int]:
    # Locks the organisation's admin rows, so two admins demoting each other at
    # the same moment cannot leave it with none.
    return list(
        Membership.objects.select_for_update()
        .filter(organization_id=organization_id, role=Role.ADMIN)
        .values_list("pk", flat=True)
    )


@transaction.atomic
def change_member_role(*, membership: Membership, role: str, actor: User) -> Membership:
    """Give the member ``role``; the organisation's last admin cannot be
    demoted ("last_admin")."""
    if role not in Role.values:
        raise MembershipError("invalid_role")
    admins = _lock_admins(membership.organization_id)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    previous = membership.role
    if previous == role:
        return membership
    if previous == Role.ADMIN and admins == [membership.pk]:
        raise MembershipError("last_admin")
    membership.role = role
    membership.save(update_fields=["role"])
    write_audit(
        obj=membership.organization,
        actor=actor,
        action="change_member_role",
        from_state=previous,
        to_state=role,
        data={"user": membership.user_id},
    )
    return membership


@transaction.atomic
def remove_member(*, membership: Membership, actor: User) -> None:
    """Remove the member (an admin removing someone, or someone leaving); the
    organisation's last admin cannot leave ("last_admin")."""
    admins = _lock_admins(membership.organization_id)
    if admins == [membership.pk]:
        raise MembershipError("last_admin")
    write_audit(
        obj=membership.organization,
        actor=actor,
        action="remove_member",
        from_state=membership.role,
        data={"user": membership.user_id},
    )
    Membership.objects.filter(pk=membership.pk).delete()
