from django.urls import path

from nidaa.calls.views import issuer, public

app_name = "calls"
urlpatterns = [
    path("", public.home, name="list"),
    path("dashboard/", issuer.dashboard, name="dashboard"),
    path("import/", issuer.import_call, name="import"),
    path("<int:call_id>/", public.detail, name="detail"),
    path("<int:call_id>/review/", issuer.review, name="review"),
    path("<int:call_id>/status/", issuer.change_status, name="change_status"),
    path("<int:call_id>/document/", public.download, name="download"),
]
