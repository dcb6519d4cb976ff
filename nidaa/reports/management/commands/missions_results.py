"""``nidaa missions results --mission ID --format json``: the questionnaires'
results, overall and per session, module, zone, sex and category (the shape
other tools rely on; see nidaa.tabulation for the definitions)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nidaa.missions.management.commands._common import mission
from nidaa.reports.results import compute_results


class Command(BaseCommand):
    help = "Print a mission's questionnaire results as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mission", type=int, required=True, metavar="ID")
        parser.add_argument("--format", choices=("json",), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        results = compute_results(mission(options["mission"]))
        self.stdout.write(json.dumps(results.figures, ensure_ascii=False))
