"""Organisation pages for its members: who belongs with which role, invitations
(sent, resent, revoked, accepted). Organisations are loaded through the user's
memberships, so an outsider gets the same 404 as for a missing organisation."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from nidaa.accounts import services
from nidaa.accounts.adapter import INVITATION_SESSION_KEY
from nidaa.accounts.context_processors import remember_membership
from nidaa.accounts.forms import InviteForm, RoleForm
from nidaa.accounts.models import Invitation, Membership, Organization, Role
from nidaa.accounts.selectors import get_organization_for_user, memberships_for, signed_in

ADMIN_ONLY = frozenset({Role.ADMIN})


def error_message(code: str) -> str:
    """What a refused change or an unusable link says, in the user's language."""
    return {
        "last_admin": _(
            "The organisation must keep at least one administrator: make someone else administrator first."
        ),
        "already_member": _("This address already belongs to a member of the organisation."),
        "invalid_role": _("Choose one of the roles offered."),
        "invalid": _(
            "This invitation link is not valid: it was revoked, replaced by a newer one, or mistyped."
        ),
        "expired": _("This invitation has expired. Ask the organisation to send it again."),
        "used": _("This invitation was already accepted."),
    }.get(code, _("This change was refused."))


def too_many_invitations(request: HttpRequest) -> bool:
    """Counts one invitation mailed by the signed-in user; True past
    ``RATE_LIMIT_INVITE`` (each one mails an address someone typed)."""
    return is_ratelimited(
        request, group="invitations", key="user", rate=settings.RATE_LIMIT_INVITE, increment=True
    )


def _organization(request: HttpRequest, slug: str, roles: frozenset[str] | None = None) -> Organization:
    try:
        return get_organization_for_user(user=request.user, slug=slug, roles=roles)
    except Organization.DoesNotExist as error:
        raise Http404 from error


@login_required
def my_organizations(request: HttpRequest) -> HttpResponse:
    """ "My organisation": straight to its members when there is one."""
    memberships = list(memberships_for(request.user).order_by("organization__name"))
    if len(memberships) == 1:
        return redirect("accounts:members", slug=memberships[0].organization.slug)
    if not memberships:
        raise Http404
    return render(request, "accounts/organizations.html", {"memberships": memberships})


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """The members and pending invitations; admins invite here (POST)."""
    organization = _organization(request, slug)
    user = signed_in(request.user)
    is_admin = Membership.objects.filter(user=user, organization=organization, role=Role.ADMIN).exists()
    form = InviteForm()
    status = 200
    if request.method == "POST":
        if not is_admin:
            raise Http404
        form = InviteForm(request.POST)
        if form.is_valid():
            if too_many_invitations(request):
                return render(request, "429.html", status=429)
            try:
                services.invite_member(
                    organization=organization,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    inviter=user,
                    language=translation.get_language() or "fr",
                )
            except services.MembershipError as error:
                form.add_error("email", error_message(error.code))
            else:
                messages.success(
                    request,
                    _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("accounts:members", slug=organization.slug)
        status = 400
    rows = (
        Membership.objects.filter(organization=organization)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    invitations = (
        Invitation.objects.filter(organization=organization, accepted_at=None, revoked_at=None)
        .select_related("inviter")
        .order_by("email")
        if is_admin
        else Invitation.objects.none()
    )
    return render(
        request,
        "accounts/members.html",
        {
            "organization": organization,
            "memberships": rows,
            "invitations": invitations,
            "is_admin": is_admin,
            "form": form,
            "roles": Role.choices,
        },
        status=status,
    )


@login_required
@require_POST
def change_member(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    """An admin changes a member's role or removes them; anyone may leave."""
    organization = _organization(request, slug)
    user = signed_in(request.user)
    try:
        membership = Membership.objects.select_related("user", "organization").get(
            pk=membership_id, organization=organization
        )
    except Membership.DoesNotExist as error:
        raise Http404 from error
    is_admin = Membership.objects.filter(user=user, organization=organization, role=Role.ADMIN).exists()
    leaving = membership.user_id == user.pk and request.POST.get("action") == "remove"
    if not is_admin and not leaving:
        raise Http404
    try:
        if request.POST.get("action") == "remove":
            services.remove_member(membership=membership, actor=user)
            if leaving:
                remember_membership(request, user)
                messages.success(request, _("You left %(organization)s.") % {"organization": organization})
                return redirect("home")
            messages.success(request, _("%(name)s was removed.") % {"name": _display(membership)})
        else:
            form = RoleForm(request.POST)
            if not form.is_valid():
                raise services.MembershipError("invalid_role")
            services.change_member_role(membership=membership, role=form.cleaned_data["role"], actor=user)
            messages.success(request, _("%(name)s's role was changed.") % {"name": _display(membership)})
    except services.MembershipError as error:
        messages.error(request, error_message(error.code))
    return redirect("accounts:members", slug=organization.slug)


def _display(membership: Membership) -> str:
    return membership.user.get_full_name() or membership.user.get_username()


@login_required
@require_POST
def change_invitation(request: HttpRequest, slug: str, invitation_id: int) -> HttpResponse:
    """An admin resends or revokes a pending invitation."""
    organization = _organization(request, slug, ADMIN_ONLY)
    user = signed_in(request.user)
    try:
        invitation = Invitation.objects.get(
            pk=invitation_id, organization=organization, accepted_at=None, revoked_at=None
        )
    except Invitation.DoesNotExist as error:
        raise Http404 from error
    if request.POST.get("action") == "revoke":
        services.revoke_invitation(invitation=invitation, actor=user)
        messages.success(request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email})
    else:
        if too_many_invitations(request):
            return render(request, "429.html", status=429)
        services.resend_invitation(invitation=invitation, actor=user)
        messages.success(
            request, _("The invitation was sent again to %(email)s.") % {"email": invitation.email}
        )
    return redirect("accounts:members", slug=organization.slug)


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens. Signed in: join (POST). Anonymous:
    sign in or sign up, then back here; signing up with the invited address
    needs no verification e-mail (the link was that e-mail)."""
    try:
        pending = services.pending_invitation(token=token)
    except services.InvitationError as error:
        request.session.pop(INVITATION_SESSION_KEY, None)
        return render(
            request,
            "accounts/invitation.html",
            {"error": error_message(error.code), "code": error.code},
            status=410 if error.code in {"expired", "used"} else 404,
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.accept_invitation(token=token, user=signed_in(request.user))
        except services.InvitationError as error:
            messages.error(request, error_message(error.code))
            return redirect("home")
        request.session.pop(INVITATION_SESSION_KEY, None)
        remember_membership(request, signed_in(request.user))
        messages.success(request, _("Welcome to %(organization)s.") % {"organization": pending.organization})
        return redirect(services.invitation_landing(pending) or "calls:dashboard")
    if not request.user.is_authenticated:
        # Kept for the sign-in or sign-up that follows (the adapter brings the
        # visitor back here), and the invited address counts as verified.
        request.session[INVITATION_SESSION_KEY] = token
        get_adapter(request).stash_verified_email(request, pending.email)
    return render(request, "accounts/invitation.html", {"invitation": pending, "token": token})
