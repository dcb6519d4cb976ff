"""What the ``nidaa evaluation ...`` commands share: the call by id, and
refusals printed as the services word them (every bad row on its own line).

The command line is the instance operator's: it acts as the committee's
chair (``actor=None``), as ``nidaa tor import`` acts as an administrator.
The envelope rules hold for it too: the services refuse prices before the
technical close and for the unqualified, whoever asks.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from nidaa.calls.models import Call
from nidaa.evaluation.errors import EvaluationError


class EvaluationCommand(BaseCommand):
    def execute(self, *args: Any, **options: Any) -> str | None:
        # Messages in English, as every other ``nidaa`` command's: scripts read
        # them; the minutes and exports take their language from an option.
        with translation.override("en"):
            return super().execute(*args, **options)

    def add_call_argument(self, parser: CommandParser) -> None:
        parser.add_argument("--call", type=int, required=True, metavar="ID")

    def get_call(self, options: dict[str, Any]) -> Call:
        try:
            return Call.objects.select_related("organization").get(pk=options["call"])
        except Call.DoesNotExist as error:
            raise CommandError(f"--call {options['call']}: no such call") from error

    def fail(self, error: EvaluationError) -> CommandError:
        return CommandError("\n".join([str(error), *error.problems]))
