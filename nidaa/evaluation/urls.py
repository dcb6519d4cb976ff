from django.urls import URLPattern, path

from nidaa.evaluation import committee_views, interview_views, views

app_name = "evaluation"

urlpatterns: list[URLPattern] = [
    path("calls/<int:call_id>/evaluators/", views.evaluators, name="evaluators"),
    path("calls/<int:call_id>/evaluators/invite/", committee_views.invite, name="invite"),
    path("", committee_views.my_evaluations, name="mine"),
    path("calls/<int:call_id>/grid/", committee_views.grid, name="grid"),
    path("calls/<int:call_id>/", committee_views.board, name="board"),
    path("calls/<int:call_id>/results/", committee_views.results, name="results"),
    path("calls/<int:call_id>/interviews/", interview_views.interviews, name="interviews"),
    path(
        "applications/<int:application_id>/interview/",
        interview_views.interview_sheet,
        name="interview_sheet",
    ),
    path("calls/<int:call_id>/results.xlsx", committee_views.results_download, name="results_xlsx"),
    path("calls/<int:call_id>/minutes-<str:language>.<str:fmt>", committee_views.minutes, name="minutes"),
    path("applications/<int:application_id>/", committee_views.score, name="score"),
    path(
        "applications/<int:application_id>/files/<int:file_id>/",
        committee_views.file_inline,
        name="file_inline",
    ),
]
