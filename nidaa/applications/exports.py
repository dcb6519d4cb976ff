"""What the issuer takes away from a call: the table of its applications (the
list page and the .xlsx export show the same rows), and zip archives of the
files of the latest versions.

Everything here works on querysets already scoped by ``access``; nothing
checks permissions. Archives and workbooks are written to a
``SpooledTemporaryFile``, so a large call goes to disk instead of memory.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from tempfile import SpooledTemporaryFile
from typing import IO, Any
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from nidaa.accounts.forms import LANGUAGE_CHOICES
from nidaa.accounts.models import User
from nidaa.applications.models import ApplicantKind, Application, ApplicationChannel, ApplicationFile
from nidaa.calls.models import DEFAULT_TIMEZONE, Call, RequiredDocument
from nidaa.common.filetypes import mime_type
from nidaa.common.lists import joined

# Kept in memory up to this size, then on disk.
SPOOL_BYTES = 8 * 1024 * 1024
# These formats are zip archives or compressed images already: deflating them
# again costs time and saves nothing.
STORED_TYPES = frozenset({"docx", "xlsx", "odt", "jpeg", "png"})
OTHER_PIECE = "other"
UNSAFE_NAME_CHARACTERS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
SHEET_TITLE_CHARACTERS = re.compile(r"[\[\]:*?/\\]")
# Column widths in characters: wide enough for the longest value, within reason.
MIN_WIDTH = 8
MAX_WIDTH = 50
DATETIME_WIDTH = 17  # "2025-01-15 19:59" and a margin
ISSUER_LANGUAGES = ("fr", "ar", "en")


def content_type_for(record: ApplicationFile) -> str:
    """The MIME type of the type detected at upload, never one from the name."""
    return mime_type(record.content_type)


def piece_label(code: str) -> str:
    if code in RequiredDocument.values:
        return str(RequiredDocument(code).label)
    if code == OTHER_PIECE:
        return _("Other files")
    return code.removeprefix("other:")


def applicant_label(application: Application) -> str:
    return (
        application.applicant_name
        or application.firm_name
        or application.applicant_email
        or application.receipt_number
    )


def call_zone(call: Call) -> ZoneInfo:
    try:
        return ZoneInfo(call.timezone or DEFAULT_TIMEZONE)
    except (ValueError, OSError):
        return ZoneInfo(DEFAULT_TIMEZONE)


@dataclass
class ApplicationRow:
    application: Application
    applicant: str
    received_at: datetime | None  # in the call's time zone
    channel: str  # translated label
    missing: list[str]  # translated labels
    files: dict[str, list[ApplicationFile]]  # piece code -> files of the latest version

    @property
    def is_complete(self) -> bool:
        return not self.missing


@dataclass
class ApplicationTable:
    pieces: list[str]  # the call's required pieces (vocabulary codes), in order
    rows: list[ApplicationRow] = field(default_factory=list)

    @property
    def piece_labels(self) -> list[str]:
        return [piece_label(code) for code in self.pieces]

    @property
    def complete(self) -> int:
        return sum(1 for row in self.rows if row.is_complete)

    @property
    def incomplete(self) -> int:
        return len(self.rows) - self.complete

    @property
    def late(self) -> int:
        return sum(1 for row in self.rows if row.application.is_late)

    @property
    def by_channel(self) -> list[tuple[str, int]]:
        counts = Counter(row.application.channel for row in self.rows)
        return [(str(label), counts[code]) for code, label in ApplicationChannel.choices]

    @property
    def by_piece(self) -> list[tuple[str, int]]:
        """How many applications have each required piece in their latest version."""
        return [
            (piece_label(code), sum(1 for row in self.rows if row.files.get(code))) for code in self.pieces
        ]


def application_table(
    *,
    call: Call,
    pieces: Sequence[str],
    applications: Iterable[Application],
    files: Iterable[ApplicationFile],
) -> ApplicationTable:
    """One row per application with its latest files grouped by piece: two
    queries (``applications`` and ``files``) whatever the number of rows."""
    by_application: dict[int, dict[str, list[ApplicationFile]]] = defaultdict(lambda: defaultdict(list))
    for record in files:
        by_application[record.application_id][record.piece].append(record)
    zone = call_zone(call)
    channels = {code: str(label) for code, label in ApplicationChannel.choices}
    table = ApplicationTable(pieces=list(pieces))
    for application in applications:
        table.rows.append(
            ApplicationRow(
                application=application,
                applicant=applicant_label(application),
                received_at=timezone.localtime(application.received_at, zone)
                if application.received_at
                else None,
                channel=channels.get(application.channel, application.channel),
                missing=[piece_label(code) for code in application.missing_pieces or []],
                files=dict(by_application.get(application.pk, {})),
            )
        )
    return table


# --- xlsx ------------------------------------------------------------------


def sheet_title(text: str) -> str:
    # Excel refuses []:*?/\ in sheet titles and more than 31 characters.
    return SHEET_TITLE_CHARACTERS.sub(" ", text)[:31] or "Sheet"


def xlsx_headers(table: ApplicationTable) -> list[str]:
    return [
        _("Receipt number"),
        _("Applicant"),
        _("Applying as"),
        _("Firm or organisation"),
        _("E-mail"),
        _("Telephone"),
        _("Languages"),
        _("Region"),
        _("Channel"),
        _("Received at"),
        _("Complete"),
        _("Missing pieces"),
        _("Late"),
        _("Versions"),
        *table.piece_labels,
        _("Other files"),
    ]


def text_cells(sheet: Any, values: list[Any]) -> list[Any]:
    """A row's values with every string as a text cell: openpyxl stores a
    string that starts with "=" as a formula, and applicants choose their
    names and file names (``=HYPERLINK(...)`` would be a live link in the
    issuer's spreadsheet)."""
    cells = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells


def language_names(codes: Iterable[str]) -> str | None:
    names = dict(LANGUAGE_CHOICES)
    return joined(str(names.get(code, code)) for code in codes) or None


def xlsx_rows(table: ApplicationTable) -> list[list[Any]]:
    """The workbook's data rows, one per application (values, not cells)."""
    yes, no = _("yes"), _("no")
    kinds = {code: str(label) for code, label in ApplicantKind.choices}
    required = set(table.pieces)
    rows = []
    for row in table.rows:
        application = row.application
        others = [
            record.original_name
            for code, records in row.files.items()
            if code not in required
            for record in records
        ]
        rows.append(
            [
                application.receipt_number,
                row.applicant,
                kinds.get(application.applicant_kind, application.applicant_kind),
                application.firm_name or None,
                application.applicant_email,
                application.phone or None,
                language_names(application.languages or []),
                application.region.name if application.region else None,
                row.channel,
                # Excel has no time zones: the wall-clock time in the call's zone.
                row.received_at.replace(tzinfo=None) if row.received_at else None,
                yes if row.is_complete else no,
                joined(row.missing) or None,
                yes if application.is_late else no,
                application.version_count,
                *(joined(r.original_name for r in row.files.get(code, [])) or None for code in table.pieces),
                joined(others) or None,
            ]
        )
    return rows


def column_widths(header: list[str], rows: list[list[Any]]) -> list[int]:
    """Each column as wide as its longest value (header included), between
    ``MIN_WIDTH`` and ``MAX_WIDTH`` characters; dates a fixed width."""
    widths = []
    for index, title in enumerate(header):
        longest = len(title)
        for row in rows:
            value = row[index]
            if isinstance(value, datetime):
                longest = max(longest, DATETIME_WIDTH)
            elif value is not None:
                longest = max(longest, len(str(value)))
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


def write_xlsx(target: IO[bytes], *, table: ApplicationTable) -> None:
    """One row per application: who applies (as a person or a firm, phone,
    languages, region), the list's columns, then the file names of each
    required piece and of the files that matched no required piece. Headers in
    the active language, the sheet right to left in Arabic, a frozen header row
    with a filter, columns as wide as their content. Text is written as is
    (Arabic is not reshaped: spreadsheet programs lay it out themselves)."""
    header = xlsx_headers(table)
    rows = xlsx_rows(table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(_("Applications")))
    # A write-only sheet writes its columns and view with the first row: set them first.
    sheet.freeze_panes = "A2"
    sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    for index, width in enumerate(column_widths(header, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    bold = Font(bold=True)
    cells = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for values in rows:
        sheet.append(text_cells(sheet, values))
    workbook.save(target)


def xlsx_file(*, table: ApplicationTable) -> IO[bytes]:
    target = SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
    write_xlsx(target, table=table)
    target.seek(0)
    return target


# --- zip -------------------------------------------------------------------


def folder_name(application: Application) -> str:
    """``<receipt>_<applicant slug>``: sorts by receipt, readable, safe as a path."""
    slug = slugify(applicant_label(application), allow_unicode=True)[:60].strip("-_")
    return f"{application.receipt_number}_{slug}" if slug else application.receipt_number


def safe_name(name: str) -> str:
    """A file name that cannot leave its folder in the archive."""
    name = UNSAFE_NAME_CHARACTERS.sub("_", PurePosixPath(name.replace("\\", "/")).name)
    name = name.strip().lstrip(".")
    return name[-150:] or "file"


def issuer_language(*, call: Call, user: User | None) -> str:
    """The language an archive names its pieces in: the organisation's, i.e.
    the language its call is written in, so that every member of the committee
    gets the same names whatever page they downloaded from; for a call in
    several languages, the downloading member's own (``preferred_language``)."""
    if call.document_language in ISSUER_LANGUAGES:
        return call.document_language
    if user is not None and user.preferred_language in ISSUER_LANGUAGES:
        return user.preferred_language
    return translation.get_language() or "fr"


def entry_name(record: ApplicationFile) -> str:
    """``<piece's name>_<original name>``, the piece named in the active language."""
    return f"{safe_name(piece_label(record.piece))}_{safe_name(record.original_name)}"


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 1
    stem, dot, suffix = name.rpartition(".")
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}.{suffix}" if dot and stem else f"{name}-{number}"
    taken.add(candidate)
    return candidate


def write_zip(
    target: IO[bytes],
    *,
    call: Call,
    applications: Iterable[Application],
    files: Iterable[ApplicationFile],
    language: str,
) -> None:
    """One folder per application, each piece of its latest version as
    ``<piece's name in language>_<original name>``, copied from storage in
    chunks. A file missing from storage is listed in ``MISSING.txt`` rather
    than silently left out."""
    zone = call_zone(call)
    by_application: dict[int, list[ApplicationFile]] = defaultdict(list)
    for record in files:
        by_application[record.application_id].append(record)
    missing: list[str] = []
    with translation.override(language), zipfile.ZipFile(target, "w", allowZip64=True) as archive:
        for application in applications:
            folder = folder_name(application)
            taken: set[str] = set()
            for record in by_application.get(application.pk, []):
                path = f"{folder}/{_unique(entry_name(record), taken)}"
                stamp = timezone.localtime(application.received_at or timezone.now(), zone)
                info = zipfile.ZipInfo(path, date_time=stamp.timetuple()[:6])
                info.compress_type = (
                    zipfile.ZIP_STORED if record.content_type in STORED_TYPES else zipfile.ZIP_DEFLATED
                )
                # Known in advance, so zipfile switches to zip64 by itself for huge files.
                info.file_size = record.size
                try:
                    source = record.file.open("rb")
                except FileNotFoundError:
                    missing.append(f"{path}\t{record.sha256}")
                    continue
                with source, archive.open(info, "w") as sink:
                    shutil.copyfileobj(source, sink, 1024 * 1024)
        if missing:
            archive.writestr("MISSING.txt", "\n".join(missing) + "\n")


def zip_file(
    *, call: Call, applications: Iterable[Application], files: Iterable[ApplicationFile], language: str
) -> IO[bytes]:
    target = SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
    write_zip(target, call=call, applications=applications, files=files, language=language)
    target.seek(0)
    return target
