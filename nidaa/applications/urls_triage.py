"""Routes of the triage pages, added to ``applications.urls`` (namespace "applications")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
