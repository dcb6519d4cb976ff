"""Stable addresses for machines, outside the language prefix: the JSON API
and its OpenAPI description, the Atom and iCalendar feeds, OCDS releases."""

from django.urls import URLPattern, URLResolver, path, re_path

from nidaa.calls import feeds, ocds
from nidaa.calls.api import api, api_not_found

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", api_not_found, name="api_not_found"),
    path("calls.atom", feeds.calls_atom, name="calls_atom"),
    path("calls.ics", feeds.calls_ics, name="calls_ics"),
    path("calls/<int:call_id>.ics", feeds.call_ics, name="call_ics"),
    path("ocds/releases.json", ocds.releases, name="ocds_releases"),
    path("ocds/releases/<int:call_id>.json", ocds.release, name="ocds_release"),
]
