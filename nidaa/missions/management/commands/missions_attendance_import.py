"""``nidaa missions attendance import FILE --session ID``: columns
``participant`` (name, phone or code) and ``present`` (both half-days), or
``present_am`` / ``present_pm`` (a column per half-day, fr/ar headers too);
nothing is recorded when a row is wrong."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.management.commands._common import read_file, refuse, row_errors, session
from nidaa.missions.services.attendance import import_attendance
from nidaa.missions.services.errors import MissionError


class Command(BaseCommand):
    help = (
        "Import a session's attendance from an .xlsx/.csv sheet: participant and present, "
        "or present_am and present_pm."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--session", type=int, required=True, metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        target = session(options["session"])
        data = read_file(options["file"])
        try:
            report = import_attendance(session=target, data=data, actor=None)
        except MissionError as error:
            raise refuse(error) from error
        self.stdout.write(
            f"rows {report.rows}, imported {report.imported}, present {report.present}, errors {len(report.errors)}"
        )
        if report.errors:
            row_errors(self, report.errors)
            raise CommandError("nothing imported", returncode=1)
