"""Routes of the issuer pages, added to ``applications.urls`` (namespace "applications")."""

from django.urls import URLPattern, path

from nidaa.applications.views import issuer

urlpatterns: list[URLPattern] = [
    path("calls/<int:call_id>/received/", issuer.call_applications, name="call_applications"),
    path("calls/<int:call_id>/received.zip", issuer.call_zip, name="call_zip"),
    path("calls/<int:call_id>/received.xlsx", issuer.call_xlsx, name="call_xlsx"),
    path("<int:application_id>/", issuer.application, name="issuer_application"),
    path("<int:application_id>/files.zip", issuer.application_zip, name="application_zip"),
    # Both the applicant (their own files) and the issuer (opened calls) download here.
    path("files/<int:file_id>/", issuer.download_file, name="file"),
]
