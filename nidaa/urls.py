import os

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.static import serve

from nidaa.calls.views import public as call_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # API, feeds and OCDS: stable addresses without a language prefix.
    path("", include("nidaa.calls.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", call_views.home, name="home"),
    path("organizations/<slug:slug>/", call_views.organization, name="organization"),
    path("accounts/", include("nidaa.accounts.urls")),
    path("accounts/", include("nidaa.alerts.urls")),  # saved searches, followed calls
    path("accounts/", include("allauth.account.urls")),  # signup, e-mail confirmation, password reset
    path("calls/", include("nidaa.calls.urls")),
    path("directory/", include("nidaa.directory.urls")),
    path("applications/", include("nidaa.applications.urls")),
    path("applications/", include("nidaa.inbox.urls")),  # mail/...: the triage inbox and mailboxes
    path("evaluation/", include("nidaa.evaluation.urls")),
    path("missions/", include("nidaa.missions.urls")),
    path("", include("nidaa.questionnaires.urls")),
)

if settings.DEBUG or os.environ.get("NIDAA_BENCH") == "1":
    # The benchmark's floor view (make bench-web), never in production.
    urlpatterns += [path("bench/floor/", call_views.bench_floor, name="bench_floor")]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
