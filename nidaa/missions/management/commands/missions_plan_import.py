"""``nidaa missions plan import FILE --mission ID``: one row per session
(module, zone, date, start, end, venue, expected); nothing is created when a row is wrong."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.management.commands._common import mission, read_file, refuse, row_errors
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.plan import import_plan


class Command(BaseCommand):
    help = "Import a mission's workshop plan (.xlsx/.csv, one row per session)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--mission", type=int, required=True, metavar="ID")

    def handle(self, *args: Any, **options: Any) -> None:
        target = mission(options["mission"])
        data = read_file(options["file"])
        try:
            report = import_plan(mission=target, data=data, actor=None)
        except MissionError as error:
            raise refuse(error) from error
        self.stdout.write(f"rows {report.rows}, imported {report.imported}, errors {len(report.errors)}")
        if report.errors:
            row_errors(self, report.errors)
            raise CommandError("nothing imported", returncode=1)
