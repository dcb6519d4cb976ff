from django.urls import URLPattern, path

from nidaa.reports import views

app_name = "reports"

urlpatterns: list[URLPattern] = [
    path("<int:mission_id>/results/", views.results, name="results"),
    path("<int:mission_id>/narrative/", views.narrative, name="narrative"),
    path("<int:mission_id>/actions/", views.actions, name="actions"),
    path("<int:mission_id>/actions/<int:action_id>/status/", views.action_status, name="action_status"),
    path("<int:mission_id>/report/", views.report, name="report"),
    path("<int:mission_id>/report/submit/", views.report_submit, name="report_submit"),
    path("<int:mission_id>/report.<str:fmt>", views.report_download, name="report_download"),
]
