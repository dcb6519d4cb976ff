"""``nidaa evaluation scores import FILE --call ID``: a long-form .xlsx or
.csv (evaluator, application, criterion, score, comment[, conflict]); every
row is checked and a file with any error imports nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.management.commands._base import EvaluationCommand
from nidaa.evaluation.sheets import SCORE_COLUMNS, import_scores
from nidaa.evaluation.tabular import read_rows


class Command(EvaluationCommand):
    help = "Import the evaluators' scores."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        self.add_call_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        call = self.get_call(options)
        try:
            rows = read_rows(Path(options["file"]), required=SCORE_COLUMNS)
            counts = import_scores(call=call, rows=rows, actor=None)
        except EvaluationError as error:
            raise self.fail(error) from error
        self.stdout.write(
            f"{counts['sheets']} sheets, {counts['scores']} scores, {counts['conflicts']} conflicts imported"
        )
