"""``nidaa missions attendance --mission ID --format json``: planned versus
present per session, by sex and category (the shape other tools rely on)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nidaa.missions.management.commands._common import mission
from nidaa.missions.selectors import attendance_summary


class Command(BaseCommand):
    help = "Print a mission's attendance, planned versus present, as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mission", type=int, required=True, metavar="ID")
        parser.add_argument("--format", choices=("json",), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        summary = attendance_summary(mission=mission(options["mission"]))
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
