"""``nidaa missions report --mission ID --lang fr|ar --format pdf|docx -o FILE``:
the final report, made now from the stored records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.management.commands._common import mission
from nidaa.reports.document import LANGUAGES, report_docx, report_pdf


class Command(BaseCommand):
    help = "Write a mission's final report (PDF or DOCX, French or Arabic)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mission", type=int, required=True, metavar="ID")
        parser.add_argument("--lang", choices=LANGUAGES, required=True)
        parser.add_argument("--format", choices=("pdf", "docx"), required=True)
        parser.add_argument("-o", "--output", required=True, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        found = mission(options["mission"])
        maker = report_pdf if options["format"] == "pdf" else report_docx
        data = maker(found, options["lang"])
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as error:
            raise CommandError(f"{options['output']}: cannot write ({error.strerror or error})") from error
