"""``nidaa evaluation minutes --call ID --lang fr|ar|en -o FILE.pdf|FILE.docx``:
the evaluation minutes, the format from the file's extension."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.management.commands._base import EvaluationCommand
from nidaa.evaluation.minutes import LANGUAGES, minutes_docx, minutes_pdf
from nidaa.evaluation.sheets import get_evaluation


class Command(EvaluationCommand):
    help = "Write a call's evaluation minutes as PDF or DOCX."

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_call_argument(parser)
        parser.add_argument("--lang", choices=LANGUAGES, default="fr")
        parser.add_argument("-o", "--output", required=True, metavar="FILE.pdf|FILE.docx")

    def handle(self, *args: Any, **options: Any) -> None:
        call = self.get_call(options)
        target = Path(options["output"])
        if target.suffix.lower() not in (".pdf", ".docx"):
            raise CommandError(f"{target}: the minutes are written as .pdf or .docx")
        try:
            evaluation = get_evaluation(call)
        except EvaluationError as error:
            raise self.fail(error) from error
        render = minutes_pdf if target.suffix.lower() == ".pdf" else minutes_docx
        data = render(evaluation, options["lang"])
        try:
            target.write_bytes(data)
        except OSError as error:
            raise CommandError(f"{target}: {error.strerror}") from error
        self.stdout.write(f"{target} ({len(data)} bytes)")
