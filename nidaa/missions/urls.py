from django.urls import URLPattern, path

from nidaa.missions.views import attendance, deliverables, missions, participants, plan

app_name = "missions"

urlpatterns: list[URLPattern] = [
    path("", missions.mission_list, name="list"),
    path("new/", missions.mission_create, name="create"),
    path("<int:mission_id>/", missions.mission_detail, name="detail"),
    path("<int:mission_id>/terms/", missions.mission_terms, name="terms"),
    path("<int:mission_id>/status/", missions.mission_status, name="status"),
    path("<int:mission_id>/instalments/", missions.instalment_add, name="instalment_add"),
    path(
        "<int:mission_id>/instalments/<int:instalment_id>/paid/",
        missions.instalment_paid,
        name="instalment_paid",
    ),
    path(
        "<int:mission_id>/deliverables/<int:deliverable_id>/",
        deliverables.deliverable_detail,
        name="deliverable",
    ),
    path("<int:mission_id>/files/<int:file_id>/", deliverables.deliverable_file, name="deliverable_file"),
    path("<int:mission_id>/plan/", plan.plan, name="plan"),
    path("<int:mission_id>/calendar/", plan.calendar, name="calendar"),
    path("<int:mission_id>/calendar.ics", plan.calendar_ics, name="calendar_ics"),
    path("<int:mission_id>/participants/", participants.participants, name="participants"),
    path(
        "<int:mission_id>/participants/import/", participants.participants_import, name="participants_import"
    ),
    path(
        "<int:mission_id>/participants/<int:participant_id>/edit/",
        participants.participant_edit,
        name="participant_edit",
    ),
    path(
        "<int:mission_id>/participants/<int:participant_id>/erase/",
        participants.participant_erase,
        name="participant_erase",
    ),
    path("<int:mission_id>/attendance/", attendance.attendance_report, name="attendance"),
    path("<int:mission_id>/attendance.xlsx", attendance.attendance_report_xlsx, name="attendance_xlsx"),
    path("sessions/<int:session_id>/", attendance.session_attendance, name="session"),
    path("sessions/<int:session_id>/edit/", plan.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/sheet.pdf", attendance.session_sheet, name="session_sheet"),
    path("scans/<int:scan_id>/", attendance.scan_download, name="scan"),
]
