"""``nidaa applications export --format jsonl [--call ID] [--triage] [--org SLUG]``:
one JSON object per line, per submitted application (or, with ``--triage``,
per message waiting in the triage inbox). Streams: memory does not grow with
the number of applications."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.accounts.models import Organization
from nidaa.applications.exports_jsonl import application_lines
from nidaa.calls.models import Call
from nidaa.inbox.exports_jsonl import triage_lines


class Command(BaseCommand):
    help = "Export applications (or the triage inbox) as JSON Lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["jsonl"], default="jsonl")
        parser.add_argument("--call", type=int, metavar="ID", help="only this call's applications")
        parser.add_argument("--org", metavar="SLUG", help="only this organisation's")
        parser.add_argument("--triage", action="store_true", help="the messages waiting in the triage inbox")

    def handle(self, *args: Any, **options: Any) -> None:
        organization_id = None
        if options["org"]:
            organization_id = (
                Organization.objects.filter(slug=options["org"]).values_list("pk", flat=True).first()
            )
            if organization_id is None:
                raise CommandError(f"--org {options['org']!r}: no such organisation")
        if options["triage"]:
            if options["call"] is not None:
                raise CommandError("--triage lists messages matched to no call: it takes no --call")
            lines = triage_lines(organization_id=organization_id)
        else:
            if options["call"] is not None and not Call.objects.filter(pk=options["call"]).exists():
                raise CommandError(f"--call {options['call']}: no such call")
            lines = application_lines(organization_id=organization_id, call_id=options["call"])
        for line in lines:
            self.stdout.write(json.dumps(line, ensure_ascii=False))
