"""``nidaa evaluation results --call ID --format json|jsonl|xlsx [-o FILE]``:
per application the consolidation, scores, rank and decision (a contract:
docs/evaluation.md). Amounts appear only once the envelope is open."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.exports import results_xlsx
from nidaa.evaluation.management.commands._base import EvaluationCommand
from nidaa.evaluation.results import compute_results, result_line
from nidaa.evaluation.sheets import get_evaluation


class Command(EvaluationCommand):
    help = "Print a call's evaluation results."

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_call_argument(parser)
        parser.add_argument("--format", choices=["json", "jsonl", "xlsx"], default="json")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="write to FILE (xlsx: required unless piped)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call = self.get_call(options)
        try:
            evaluation = get_evaluation(call)
        except EvaluationError as error:
            raise self.fail(error) from error
        results = compute_results(evaluation)
        if options["format"] == "xlsx":
            data = results_xlsx(results)
            if options["output"]:
                with open(options["output"], "wb") as handle:
                    handle.write(data)
            elif sys.stdout.isatty():
                raise CommandError("xlsx is binary: give -o FILE or redirect the output")
            else:
                sys.stdout.buffer.write(data)
            return
        lines = [result_line(row, interview=results.evaluation.interview) for row in results.rows]
        if options["format"] == "jsonl":
            text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
        else:
            text = json.dumps(
                {"call": call.pk, "method": evaluation.method, "applications": lines},
                ensure_ascii=False,
                indent=2,
            )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
        else:
            self.stdout.write(text)
