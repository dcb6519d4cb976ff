from django.urls import URLPattern, path

from nidaa.applications import urls_issuer
from nidaa.applications.views import public

app_name = "applications"

urlpatterns: list[URLPattern] = [
    path("calls/<int:call_id>/apply/", public.apply, name="apply"),
    path("mine/", public.mine, name="mine"),
    path("<int:application_id>/receipt/", public.receipt, name="receipt"),
]
# The issuer's pages (applications per call, downloads, exports) live in their
# own module; the e-mail triage inbox in nidaa.inbox (same /applications/ prefix).
urlpatterns += urls_issuer.urlpatterns
