from django.urls import URLPattern, path

from nidaa.missions import views

app_name = "missions"

urlpatterns: list[URLPattern] = [
    path("", views.mission_list, name="list"),
    path("new/", views.mission_create, name="create"),
    path("<int:mission_id>/", views.mission_detail, name="detail"),
    path("<int:mission_id>/terms/", views.mission_terms, name="terms"),
    path("<int:mission_id>/status/", views.mission_status, name="status"),
    path("<int:mission_id>/instalments/", views.instalment_add, name="instalment_add"),
    path(
        "<int:mission_id>/instalments/<int:instalment_id>/paid/",
        views.instalment_paid,
        name="instalment_paid",
    ),
    path("<int:mission_id>/deliverables/<int:deliverable_id>/", views.deliverable_detail, name="deliverable"),
    path("<int:mission_id>/files/<int:file_id>/", views.deliverable_file, name="deliverable_file"),
    path("<int:mission_id>/plan/", views.plan, name="plan"),
    path("<int:mission_id>/calendar/", views.calendar, name="calendar"),
    path("<int:mission_id>/calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("<int:mission_id>/participants/", views.participants, name="participants"),
    path("<int:mission_id>/participants/import/", views.participants_import, name="participants_import"),
    path(
        "<int:mission_id>/participants/<int:participant_id>/edit/",
        views.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:mission_id>/participants/<int:participant_id>/erase/",
        views.participant_erase,
        name="participant_erase",
    ),
    path("<int:mission_id>/attendance/", views.attendance_report, name="attendance"),
    path("<int:mission_id>/attendance.xlsx", views.attendance_report_xlsx, name="attendance_xlsx"),
    path("sessions/<int:session_id>/", views.session_attendance, name="session"),
    path("sessions/<int:session_id>/edit/", views.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/sheet.pdf", views.session_sheet, name="session_sheet"),
    path("scans/<int:scan_id>/", views.scan_download, name="scan"),
]
