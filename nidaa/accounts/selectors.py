"""Reads that decide what a user may reach. Every organisation-owned object is
loaded through these, so a missing membership looks exactly like a missing object."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from nidaa.accounts.models import Membership, Organization, Reader, Role, User

# Roles that may write calls (import, edit, publish).
EDIT_ROLES = frozenset({Role.ADMIN, Role.EDITOR})


def memberships_for(user: Reader) -> QuerySet[Membership]:
    if not isinstance(user, User):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organization")


def role_in(user: Reader, organization: Organization) -> str | None:
    """The user's role in the organisation, or None for outsiders."""
    if not isinstance(user, User):
        return None
    membership = Membership.objects.filter(user=user, organization=organization).only("role").first()
    return membership.role if membership else None


def organizations_for(user: Reader, roles: frozenset[str] | None = None) -> QuerySet[Organization]:
    qs = memberships_for(user)
    if roles is not None:
        qs = qs.filter(role__in=roles)
    return Organization.objects.filter(pk__in=qs.values("organization_id"))


def get_organization_for_user(
    *, user: Reader, slug: str, roles: frozenset[str] | None = None
) -> Organization:
    """The organisation ``slug`` if ``user`` belongs to it with one of ``roles``.

    Raises ``Organization.DoesNotExist`` otherwise, whether or not it exists.
    """
    return organizations_for(user, roles).get(slug=slug)


def signed_in(user: Reader) -> User:
    """The user of a view behind ``@login_required``, typed as such; anyone
    else is refused (which ``login_required`` already ensures)."""
    if not isinstance(user, User):
        raise PermissionDenied
    return user
