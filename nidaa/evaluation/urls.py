from django.urls import URLPattern, path

from nidaa.evaluation import views

app_name = "evaluation"

urlpatterns: list[URLPattern] = [
    path("calls/<int:call_id>/evaluators/", views.evaluators, name="evaluators"),
]
