"""Routes of the issuer pages, added to ``applications.urls`` (namespace "applications")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
