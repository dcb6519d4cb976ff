"""``nidaa missions responses import FILE --form ID [--participant-column NAME]``

Prints ``rows N, imported N, unmatched N, errors N``. Unmatched rows (no
participant of the mission found by code, phone or name) are listed and left
out; with any error each one is printed with its row, nothing is imported and
the exit status is 1.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.management.commands._common import read_file
from nidaa.questionnaires.messages import error_text, fatal_text, row_text
from nidaa.questionnaires.models import Questionnaire
from nidaa.questionnaires.services import QuestionnaireError, import_responses


class Command(BaseCommand):
    help = "Import questionnaire responses from a KoboToolbox export (.xlsx/.csv)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--form", type=int, required=True, metavar="ID")
        parser.add_argument(
            "--participant-column",
            default="",
            metavar="NAME",
            help="the column naming the participant (code, phone or name); default: participant, code, name...",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            questionnaire = Questionnaire.objects.get(pk=options["form"])
        except Questionnaire.DoesNotExist as error:
            raise CommandError(f"--form {options['form']}: no such questionnaire") from error
        data = read_file(options["file"])
        try:
            report = import_responses(
                questionnaire=questionnaire,
                data=data,
                participant_column=options["participant_column"],
                actor=None,
            )
        except QuestionnaireError as error:
            raise CommandError(error_text(error)) from error
        if report.fatal:
            raise CommandError(fatal_text(report))
        self.stdout.write(
            f"rows {report.rows}, imported {report.imported}, "
            f"unmatched {len(report.unmatched)}, errors {len(report.errors)}"
        )
        for row, written in report.unmatched:
            self.stdout.write(f"row {row}: unmatched participant {written!r}")
        if report.errors:
            for problem in report.errors:
                self.stderr.write(row_text(problem))
            raise CommandError("nothing imported", returncode=1)
