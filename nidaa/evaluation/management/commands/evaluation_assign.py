"""``nidaa evaluation assign --call ID EMAIL... [--chair EMAIL]``: an address
without an account is invited to the call's organisation as an evaluator (the
members' invitation); accepting it seats them on the committee."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from nidaa.evaluation.committee import assign_committee
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.management.commands._base import EvaluationCommand


class Command(EvaluationCommand):
    help = "Assign evaluators (and the chair) to a call."

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_call_argument(parser)
        parser.add_argument("emails", nargs="*", metavar="EMAIL")
        parser.add_argument("--chair", metavar="EMAIL")

    def handle(self, *args: Any, **options: Any) -> None:
        call = self.get_call(options)
        try:
            seats = assign_committee(call=call, emails=options["emails"], chair=options["chair"], actor=None)
        except EvaluationError as error:
            raise self.fail(error) from error
        for seat in seats:
            self.stdout.write(f"{seat.email}{' (chair)' if seat.is_chair else ''}")
