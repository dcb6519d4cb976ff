"""What every mission page shares: the mission or session loaded for the user
(anyone else gets a 404), refusals in the user's language."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from nidaa.missions.models import Mission, Session
from nidaa.missions.selectors import MissionAccess, get_mission_for_user, get_session_for_user
from nidaa.missions.services.errors import MissionError
from nidaa.sheets.participants import RowError


def mission_access(request: HttpRequest, mission_id: int) -> MissionAccess:
    try:
        return get_mission_for_user(user=request.user, mission_id=mission_id)
    except Mission.DoesNotExist as error:
        raise Http404 from error


def issuer_access(request: HttpRequest, mission_id: int) -> MissionAccess:
    """The mission for its issuer's admins and editors only (the facilitator gets a 404 too)."""
    access = mission_access(request, mission_id)
    if not access.is_issuer:
        raise Http404
    return access


def session_access(request: HttpRequest, session_id: int) -> tuple[Session, MissionAccess]:
    try:
        return get_session_for_user(user=request.user, session_id=session_id)
    except Session.DoesNotExist as error:
        raise Http404 from error


def error_text(error: MissionError) -> str:
    """A refused write, in the user's language."""
    texts = {
        "file_too_large": _("The file is larger than 25 MB."),
        "file_type": _("The file is not a PDF, Word, OpenDocument, Excel, JPEG or PNG document."),
        "already_accepted": _("This deliverable is already accepted."),
        "comment_required": _("Say what must change."),
        "not_payable": _("The instalment's deliverable is not accepted yet."),
        "plan_header": _("No header row with the columns module, zone and date was found."),
        "participants_header": _("No header row naming the participants' names was found."),
        "attendance_header": _("No header row with the columns participant and present was found."),
        "unknown_zone": _("This zone is not in the plan."),
        "missing_name": _("A name is needed."),
        "phone": _("This is not a phone number."),
        "session_has_attendance": _("This session has attendance recorded: it stays in the plan."),
        "session_place_fixed": _(
            "This session has attendance recorded: its module and zone stay. Add a new session instead."
        ),
        "participant_zone_fixed": _("This participant has attendance recorded: their zone stays."),
        "participant_erased": _("This participant's personal data are erased."),
        "duplicate_phone": _("Another participant of the mission has this phone number."),
        "sheet_too_large": _("The file is too large."),
        "sheet_too_many_rows": _("The sheet has too many rows."),
        "sheet_not_a_sheet": _("This is not an .xlsx or .csv file."),
        "sheet_old_xls": _("Old .xls files cannot be read: save the sheet as .xlsx or .csv."),
        "sheet_damaged": _("The .xlsx file is damaged."),
        "sheet_zip_bomb": _("The .xlsx file is too large once uncompressed."),
        "sheet_empty": _("The sheet is empty."),
        "sheet_too_costly": _("The sheet could not be read within the time and memory allowed."),
        "sheet_encoding": _("The .csv file's text encoding is not recognised: save it as UTF-8."),
    }
    return texts.get(error.code, _("This cannot be done."))


def row_error_text(error: RowError) -> str:
    texts = {
        "missing_name": _("no name"),
        "sex": _("sex not recognised: %(value)s"),
        "phone": _("not a phone number: %(value)s"),
        "email": _("not an e-mail address: %(value)s"),
        "yes_no": _("yes or no expected: %(value)s"),
        "zone": _("zone not in the plan: %(value)s"),
        "no_zone": _("no zone given"),
        "missing_module": _("no module"),
        "date": _("not a date: %(value)s"),
        "start": _("not a time: %(value)s"),
        "end": _("not a time: %(value)s"),
        "time": _("not a time: %(value)s"),
        "expected": _("not a number: %(value)s"),
        "participant": _("no participant of the session matches: %(value)s"),
        "missing_participant": _("no participant given"),
        "presence": _("present or absent expected: %(value)s"),
    }
    return texts.get(error.code, error.message) % {"value": error.value}
