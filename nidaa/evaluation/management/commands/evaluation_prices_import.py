"""``nidaa evaluation prices import FILE --call ID``: application, amount,
currency (rate for a currency other than MAD); refused before the technical
evaluation is closed and for applications not qualified."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from nidaa.evaluation.decisions import import_prices
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.management.commands._base import EvaluationCommand
from nidaa.evaluation.tabular import read_rows


class Command(EvaluationCommand):
    help = "Import the amounts read from the opened financial offers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        self.add_call_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        call = self.get_call(options)
        try:
            rows = read_rows(Path(options["file"]), required=("application", "amount"))
            count = import_prices(call=call, rows=rows, actor=None)
        except EvaluationError as error:
            raise self.fail(error) from error
        self.stdout.write(f"{count} amounts recorded")
