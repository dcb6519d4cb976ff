"""``nidaa missions attendance-sheet --session ID --lang fr|ar -o FILE.pdf``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.documents import attendance_sheets_pdf
from nidaa.missions.management.commands._common import session


class Command(BaseCommand):
    help = "Write a session's printable attendance sheet (PDF, A4, French and Arabic headers)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--session", type=int, required=True, metavar="ID")
        parser.add_argument("--lang", choices=("fr", "ar"), default="fr")
        parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf")

    def handle(self, *args: Any, **options: Any) -> None:
        pdf = attendance_sheets_pdf(sessions=[session(options["session"])], lang=options["lang"])
        try:
            Path(options["output"]).write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"{options['output']}: cannot write ({error.strerror or error})") from error
