"""A submission is timed from the request's arrival (and, behind a trusted
proxy, from the proxy's X-Request-Start), not from when its body was read."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory

from nidaa.common.middleware import RequestArrivalMiddleware, request_start

NOW = datetime(2025, 1, 6, 22, 59, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("t=1736204340.123", datetime(2025, 1, 6, 22, 59, 0, 123000, tzinfo=UTC)),  # nginx ${msec}
        ("1736204340123", datetime(2025, 1, 6, 22, 59, 0, 123000, tzinfo=UTC)),  # milliseconds
        ("t=1736204340123456", datetime(2025, 1, 6, 22, 59, 0, 123456, tzinfo=UTC)),  # microseconds
    ],
)
def test_proxy_stamps_in_seconds_milliseconds_and_microseconds(header, expected):
    assert request_start(header, NOW) == expected


@pytest.mark.parametrize("header", ["", "t=", "soon", "t=1736204400", "t=1736200000", "t=nan", "t=1e400"])
def test_implausible_stamps_are_ignored(header):
    # Empty, garbage, in the future, older than the longest plausible queue.
    assert request_start(header, NOW) is None


def test_the_header_counts_only_behind_a_trusted_proxy(settings):
    seen = []
    middleware = RequestArrivalMiddleware(lambda request: seen.append(request.received_at) or None)
    earlier = datetime.now(UTC) - timedelta(seconds=40)
    request = RequestFactory().post("/", headers={"X-Request-Start": f"t={earlier.timestamp():.3f}"})

    settings.NIDAA_TRUST_REQUEST_START = False
    middleware(request)
    settings.NIDAA_TRUST_REQUEST_START = True
    middleware(request)

    assert seen[0] - earlier > timedelta(seconds=39)
    assert abs(seen[1] - earlier) < timedelta(milliseconds=2)
