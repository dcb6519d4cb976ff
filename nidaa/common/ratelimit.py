"""Rate limits per client address, shared by the catalogue's searches, its
feeds, OCDS and the JSON API (``nidaa.calls.api.ClientRateThrottle``).

Counts live in Django's default cache (Redis in production, so every web
worker shares them; per process otherwise). Behind a reverse proxy set
``NINJA_NUM_PROXIES`` to the number of proxies whose ``X-Forwarded-For`` to
trust, so that the limit falls on the visitor and not on the proxy.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

# What a limited client is told to wait, in seconds (the limits count per minute).
RETRY_AFTER = 60


def client_address(request: HttpRequest) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``NINJA_NUM_PROXIES``
    trusted proxies the address the farthest of them saw in ``X-Forwarded-For``
    (django-ninja's rule, except that without the setting the header is not
    trusted at all: any client can write it)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = getattr(settings, "NINJA_NUM_PROXIES", None) or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    return addresses[-min(proxies, len(addresses))] if addresses else remote


def over_limit(request: HttpRequest, group: str, rate: str) -> bool:
    """Count this request in ``group`` for its client and tell whether the
    client is past ``rate`` ("60/m"; "" means no limit)."""
    if not rate:
        return False
    return is_ratelimited(
        request,
        group=group,
        key=lambda _group, req: client_address(req),
        rate=rate,
        increment=True,
    )


def search_limited(request: HttpRequest) -> bool:
    """A search or filtered list of the catalogue's pages, past
    ``NIDAA_SEARCH_RATE_LIMIT`` for this client."""
    return over_limit(request, "nidaa-search", settings.NIDAA_SEARCH_RATE_LIMIT)


def machine_limited(request: HttpRequest) -> bool:
    """A feed or open-data request past ``NIDAA_API_RATE_LIMIT`` for this
    client (the JSON API counts its own requests against the same rate)."""
    return over_limit(request, "nidaa-feeds", settings.NIDAA_API_RATE_LIMIT)


def limit_machines(kind: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorate a feed or open-data view: past ``machine_limited``, a 429 of
    ``kind`` ("text" or "json") instead of the view."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if machine_limited(request):
                return too_many_requests(request, kind=kind)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def too_many_requests(request: HttpRequest, *, kind: str = "html") -> HttpResponse:
    """429 with ``Retry-After``: the translated page for people, JSON or plain
    text for machines."""
    response: HttpResponse
    if kind == "json":
        response = JsonResponse({"detail": "Too many requests."}, status=429)
    elif kind == "text":
        response = HttpResponse(
            _("Too many requests: wait a minute, then try again."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    else:
        response = render(request, "429.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER)
    return response
