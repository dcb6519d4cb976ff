"""``nidaa evaluation grid --call ID FILE.json [--reason TEXT]`` sets the
call's grid; ``--show`` prints it in the same shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.grids import parse_grid_spec, set_grid, spec_as_json, spec_of
from nidaa.evaluation.management.commands._base import EvaluationCommand
from nidaa.evaluation.models import Evaluation

MAX_BYTES = 1024 * 1024


class Command(EvaluationCommand):
    help = "Set or show a call's evaluation grid."

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_call_argument(parser)
        parser.add_argument("file", nargs="?", metavar="FILE.json")
        parser.add_argument("--show", action="store_true", help="print the grid")
        parser.add_argument("--reason", default="", help="why a frozen grid changes")

    def handle(self, *args: Any, **options: Any) -> None:
        call = self.get_call(options)
        if options["show"]:
            evaluation = Evaluation.objects.filter(call=call).first()
            if evaluation is None:
                raise CommandError(f"call {call.pk} has no grid")
            self.stdout.write(json.dumps(spec_as_json(spec_of(evaluation)), ensure_ascii=False, indent=2))
            return
        if not options["file"]:
            raise CommandError("give the grid's FILE.json, or --show")
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{path}: a grid file is at most 1 MB")
            data = json.loads(path.read_bytes())
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error
        except ValueError as error:
            raise CommandError(f"{path}: not JSON ({error})") from error
        try:
            set_grid(call=call, spec=parse_grid_spec(data), actor=None, reason=options["reason"])
        except EvaluationError as error:
            raise self.fail(error) from error
        self.stdout.write(f"grid of call {call.pk} set")
