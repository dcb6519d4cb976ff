from django.urls import path

from nidaa.calls import views

app_name = "calls"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
]
