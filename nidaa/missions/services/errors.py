"""MissionError: a write on a mission refused for a reason the user can fix."""

from __future__ import annotations


class MissionError(Exception):
    """A write refused for a reason the user can fix; ``code`` names it (the
    web pages translate it), ``str()`` says it in English (the command line)."""

    MESSAGES = {
        "application_of_another_call": "the application {detail} is not one of this call's",
        "file_too_large": "the file is larger than 25 MB",
        "file_type": "the file is not a PDF, Word, OpenDocument, Excel, JPEG or PNG document",
        "not_facilitator": "only the mission's facilitator submits deliverables",
        "already_accepted": "the deliverable is already accepted",
        "comment_required": "say what must change",
        "deliverable_of_another_mission": "the deliverable is not one of this mission's",
        "not_payable": "the instalment's deliverable is not accepted yet",
        "plan_header": "no header row with the columns module, zone and date",
        "participants_header": 'no header row naming the participants\' names (e.g. "Nom et prénom", "الاسم الكامل")',
        "attendance_header": "no header row with the columns participant and present",
        "unknown_column": "--map: no column {detail!r} in the header",
        "unknown_zone": "no zone {detail!r} in the plan",
        "participant_of_another_mission": "the participant is not one of this mission's",
        "missing_name": "a name is needed",
        "phone": "not a phone number: {detail!r}",
        "session_has_attendance": "the session has attendance recorded",
        "session_place_fixed": "the session has attendance recorded: its module and zone stay",
        "participant_zone_fixed": "the participant has attendance recorded: their zone stays",
        "participant_erased": "the participant's data are erased",
        "duplicate_phone": "the phone number is already {detail}'s",
    }

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        template = self.MESSAGES.get(code)
        if template is None:  # a spreadsheet error: its reader's message is in detail
            message = detail or code
        else:
            message = template.format(detail=detail)
        super().__init__(message)
