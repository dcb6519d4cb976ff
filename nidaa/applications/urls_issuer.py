"""Routes of the issuer pages, added to ``applications.urls`` (namespace "applications")."""

from django.urls import URLPattern, path

from nidaa.applications import issuer_views

urlpatterns: list[URLPattern] = [
    path("calls/<int:call_id>/received/", issuer_views.call_applications, name="call_applications"),
    path("calls/<int:call_id>/received.zip", issuer_views.call_zip, name="call_zip"),
    path("calls/<int:call_id>/received.xlsx", issuer_views.call_xlsx, name="call_xlsx"),
    path("<int:application_id>/", issuer_views.application, name="issuer_application"),
    path("<int:application_id>/files.zip", issuer_views.application_zip, name="application_zip"),
    # Both the applicant (their own files) and the issuer (opened calls) download here.
    path("files/<int:file_id>/", issuer_views.download_file, name="file"),
]
