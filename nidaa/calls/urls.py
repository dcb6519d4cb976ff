from django.urls import path

from nidaa.calls import views

app_name = "calls"
urlpatterns = [
    path("", views.home, name="list"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("import/", views.import_call, name="import"),
    path("<int:call_id>/", views.detail, name="detail"),
    path("<int:call_id>/review/", views.review, name="review"),
    path("<int:call_id>/status/", views.change_status, name="change_status"),
    path("<int:call_id>/document/", views.download, name="download"),
]
