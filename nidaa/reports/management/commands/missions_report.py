"""``nidaa missions report --mission ID --lang fr|ar --format pdf|docx -o FILE``:
the final report as kept for the stored records as they are (printed now if
it is not yet: ``reports.kept``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.management.commands._common import mission
from nidaa.reports.document import LANGUAGES
from nidaa.reports.kept import FORMATS, stored_report


class Command(BaseCommand):
    help = "Write a mission's final report (PDF or DOCX, French or Arabic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mission", type=int, required=True, metavar="ID")
        parser.add_argument("--lang", choices=LANGUAGES, required=True)
        parser.add_argument("--format", choices=FORMATS, required=True)
        parser.add_argument("-o", "--output", required=True, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        found = mission(options["mission"])
        data = stored_report(found, options["lang"], options["format"])
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as error:
            raise CommandError(f"{options['output']}: cannot write ({error.strerror or error})") from error
