"""``nidaa evaluation close --call ID --stage technical|financial|interview``:
the chair's closing of a stage. Technical opens the financial envelopes of the
qualified (a staff post with an interview stage: shortlists every qualified
applicant); financial, and interview for a staff post, ranks, records the
decision and awards the call."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser

from nidaa.evaluation.decisions import close_financial, close_technical
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.interviews import close_interviews, shortlist
from nidaa.evaluation.management.commands._base import EvaluationCommand
from nidaa.evaluation.models import Evaluation, Outcome


class Command(EvaluationCommand):
    help = "Close the technical or the financial evaluation of a call."

    def add_arguments(self, parser: CommandParser) -> None:
        self.add_call_argument(parser)
        parser.add_argument("--stage", choices=["technical", "financial", "interview"], required=True)
        parser.add_argument("--note", default="", help="the decision's wording, for the minutes")
        parser.add_argument(
            "--notify-all", action="store_true", help="also send their outcome to the applicants not retained"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call = self.get_call(options)
        try:
            interview = Evaluation.objects.filter(call=call, interview=True).exists()
            if options["stage"] == "technical":
                if interview:
                    shortlist(call=call, receipts=None, actor=None)
                else:
                    close_technical(call=call, actor=None)
                self.stdout.write(f"technical evaluation of call {call.pk} closed")
            else:
                close = close_interviews if options["stage"] == "interview" else close_financial
                close(call=call, actor=None, note=options["note"], notify_others=options["notify_all"])
                retained = list(
                    Outcome.objects.filter(application__call=call, decision="retained")
                    .order_by("rank", "application__receipt_number")
                    .values_list("application__receipt_number", flat=True)
                )
                self.stdout.write(
                    f"evaluation of call {call.pk} decided; retained: {', '.join(retained) or '-'}"
                )
        except EvaluationError as error:
            raise self.fail(error) from error
