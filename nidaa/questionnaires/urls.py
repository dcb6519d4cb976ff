from django.urls import URLPattern, path

from nidaa.questionnaires import views, views_public

app_name = "questionnaires"

urlpatterns: list[URLPattern] = [
    path("missions/<int:mission_id>/questionnaires/", views.questionnaire_list, name="list"),
    path("questionnaires/<int:questionnaire_id>/", views.questionnaire_detail, name="detail"),
    path("questionnaires/<int:questionnaire_id>/questions/new/", views.question_edit, name="question_add"),
    path(
        "questionnaires/<int:questionnaire_id>/questions/<int:question_id>/",
        views.question_edit,
        name="question_edit",
    ),
    path("questionnaires/<int:questionnaire_id>/choices/", views.choice_add, name="choice_add"),
    path(
        "questionnaires/<int:questionnaire_id>/sessions/<int:session_id>/",
        views.opening_toggle,
        name="opening",
    ),
    path(
        "questionnaires/<int:questionnaire_id>/sessions/<int:session_id>/link/",
        views.opening_sheet,
        name="sheet",
    ),
    path("questionnaires/<int:questionnaire_id>/paper/", views.paper_list, name="paper"),
    path(
        "questionnaires/<int:questionnaire_id>/paper/<int:participant_id>/",
        views.paper_entry,
        name="paper_entry",
    ),
    path("questionnaires/<int:questionnaire_id>/import/", views.responses_import, name="import"),
    path("questionnaires/<int:questionnaire_id>/responses/", views.responses, name="responses"),
    # The participants' link (printed as a QR code): short, no account.
    path("q/<str:token>/", views_public.answer, name="answer"),
]
