"""Applicant pages: saved searches and followed calls. Every object is loaded
through the signed-in user, so nobody reaches another's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from nidaa.accounts.models import User
from nidaa.alerts import selectors, services
from nidaa.alerts.forms import SaveSearchForm
from nidaa.alerts.models import SavedSearch
from nidaa.calls.models import Call
from nidaa.calls.selectors import get_visible_call


def _user(request: HttpRequest) -> User:
    # Only called behind @login_required.
    assert isinstance(request.user, User)  # noqa: S101
    return request.user


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def saved_searches(request: HttpRequest) -> HttpResponse:
    searches = selectors.saved_searches_for(user=request.user)
    catalogue = reverse("home")
    rows = [{"search": s, "url": _catalogue_url(catalogue, s)} for s in searches]
    return render(request, "accounts/saved_searches.html", {"rows": rows})


def _catalogue_url(catalogue: str, search: SavedSearch) -> str:
    querystring = search.query().to_querystring()
    return f"{catalogue}?{querystring}" if querystring else catalogue


@require_POST
@login_required
def save_search(request: HttpRequest) -> HttpResponse:
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The search could not be saved."))
        return redirect("alerts:saved_searches")
    try:
        services.save_search(
            user=_user(request),
            querystring=form.cleaned_data["query"],
            name=form.cleaned_data["name"],
            frequency=form.cleaned_data["frequency"],
            remind_deadlines=form.cleaned_data["remind_deadlines"],
        )
    except services.TooManySavedSearches:
        messages.error(
            request,
            _("You have %(count)d saved searches, the most allowed: delete one first.")
            % {"count": services.MAX_SAVED_SEARCHES},
        )
    else:
        messages.success(request, _("The search was saved."))
    return redirect("alerts:saved_searches")


@require_POST
@login_required
def delete_search(request: HttpRequest, search_id: int) -> HttpResponse:
    try:
        search = selectors.get_saved_search_for_user(user=request.user, search_id=search_id)
    except SavedSearch.DoesNotExist:
        raise Http404 from None
    services.delete_saved_search(saved_search=search)
    messages.success(request, _("The saved search was deleted."))
    return redirect("alerts:saved_searches")


@require_POST
@login_required
def follow_call(request: HttpRequest, call_id: int) -> HttpResponse:
    """Toggle following a call; ``follow=1`` or ``follow=0`` sets it explicitly."""
    user = _user(request)
    try:
        call = get_visible_call(user=user, call_id=call_id)
    except Call.DoesNotExist:
        raise Http404 from None
    wanted = request.POST.get("follow")
    follow = wanted == "1" if wanted in {"0", "1"} else call.pk not in selectors.followed_call_ids(user=user)
    services.set_following(user=user, call=call, follow=follow)
    if follow:
        messages.success(request, _("You will be reminded 72 hours before this call's deadline."))
    else:
        messages.success(request, _("You no longer follow this call."))
    return redirect(_safe_next(request, reverse("calls:detail", args=[call.pk])))
