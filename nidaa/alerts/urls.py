"""Saved searches and followed calls, under /accounts/ as before they had their
own app (namespace "alerts")."""

from django.urls import path

from nidaa.alerts import views

app_name = "alerts"
urlpatterns = [
    path("searches/", views.saved_searches, name="saved_searches"),
    path("searches/save/", views.save_search, name="save_search"),
    path("searches/<int:search_id>/delete/", views.delete_search, name="delete_search"),
    path("follow/<int:call_id>/", views.follow_call, name="follow_call"),
]
