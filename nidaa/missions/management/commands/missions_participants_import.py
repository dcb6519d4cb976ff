"""``nidaa missions participants import FILE --mission ID [--zone NAME] [--map COLUMN=field]...``

Prints ``rows N, imported N, duplicates N, errors N`` (rows: the non-blank
rows below the header). Duplicates are listed and left out; with any error
each one is listed with its spreadsheet row number, nothing is imported and
the exit status is 1.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.management.commands._common import mission, read_file, refuse, row_errors
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.participants import import_participants
from nidaa.sheets.participants import FIELDS


class Command(BaseCommand):
    help = "Import participants from an .xlsx/.csv sheet as organisations keep them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--mission", type=int, required=True, metavar="ID")
        parser.add_argument("--zone", default="", metavar="NAME", help="the zone of rows that name none")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="COLUMN=field",
            help=f"read COLUMN (its header, letter or number) as field ({', '.join(FIELDS)}, or - to ignore it)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        overrides: dict[str, str] = {}
        for item in options["map"]:
            column, sep, name = item.partition("=")
            if not sep or not column or (name not in FIELDS and name != "-"):
                raise CommandError(
                    f"--map {item!r}: expected COLUMN=field with field one of {', '.join(FIELDS)} or -"
                )
            overrides[column] = name
        target = mission(options["mission"])
        data = read_file(options["file"])
        try:
            report = import_participants(
                mission=target, data=data, actor=None, overrides=overrides, zone=options["zone"]
            )
        except MissionError as error:
            raise refuse(error) from error
        self.stdout.write(
            f"rows {report.rows}, imported {report.imported}, "
            f"duplicates {len(report.duplicates)}, errors {len(report.errors)}"
        )
        for _record, duplicate in report.duplicates:
            of = f"row {duplicate.of_row}" if duplicate.of_row else f"participant {duplicate.of_participant}"
            self.stdout.write(f"row {duplicate.row}: duplicate ({duplicate.reason}) of {of}")
        if report.errors:
            row_errors(self, report.errors)
            raise CommandError("nothing imported", returncode=1)
