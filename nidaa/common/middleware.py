"""Request arrival time, for the hard deadline; the Content-Security-Policy header."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

# A proxy's stamp older than this is not believed (a clock gone wrong, a replay).
MAX_QUEUE_TIME = timedelta(minutes=15)


def request_start(header: str, now: datetime) -> datetime | None:
    """The time in a reverse proxy's ``X-Request-Start`` header ("t=<seconds
    since the epoch>", as nginx's ``t=${msec}`` or in micro/milliseconds),
    if it is plausible: not in the future and at most ``MAX_QUEUE_TIME`` old."""
    value = header.strip().removeprefix("t=")
    try:
        stamp = float(value)
    except ValueError:
        return None
    if not math.isfinite(stamp) or stamp <= 0:
        return None
    # Microseconds (HAProxy, Heroku) and milliseconds (New Relic style) to seconds.
    while stamp > 1e11:
        stamp /= 1000
    try:
        start = datetime.fromtimestamp(stamp, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    if start > now or now - start > MAX_QUEUE_TIME:
        return None
    return start


class RequestArrivalMiddleware:
    """Stamps ``request.received_at`` before anything reads the body, so an
    upload that started before a deadline and finished after it is judged by
    its arrival. Behind a trusted proxy (``NIDAA_TRUST_REQUEST_START``), the
    proxy's ``X-Request-Start`` also counts the time spent queued for a worker."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        now = timezone.now()
        received_at = now
        if getattr(settings, "NIDAA_TRUST_REQUEST_START", False):
            start = request_start(request.headers.get("X-Request-Start", ""), now)
            if start is not None:
                received_at = start
        request.received_at = received_at  # type: ignore[attr-defined]
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sends ``NIDAA_CONTENT_SECURITY_POLICY`` ("" for none) with every
    response that has not set its own, so that an injected script or a
    foreign frame is refused by the browser even if escaping ever fails."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "NIDAA_CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class RequestSizeMiddleware:
    """Refuses, before anything reads it, a request body larger than
    ``NIDAA_MAX_REQUEST_BYTES`` by its Content-Length: 100 file fields of
    19 MB each would otherwise all be buffered to disk before a form said
    "too large". (The number of files is capped by Django's
    ``DATA_UPLOAD_MAX_NUMBER_FILES``.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = int(getattr(settings, "NIDAA_MAX_REQUEST_BYTES", 0) or 0)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            response = HttpResponse(
                _("The request is too large: send at most %(size)s MB at once.")
                % {"size": limit // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            # The unread body is not worth keeping the connection for.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
