from django.urls import path

from nidaa.applications import views

app_name = "applications"

urlpatterns = [
    path("calls/<int:call_id>/apply/", views.apply, name="apply"),
    path("mine/", views.mine, name="mine"),
    path("<int:application_id>/receipt/", views.receipt, name="receipt"),
]
