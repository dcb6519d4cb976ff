from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from nidaa.directory.services import sync_territories
from nidaa.tor.places import DATA_FILE


class Command(BaseCommand):
    help = "Upsert Morocco's territorial divisions from nidaa/data/territories.json (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--path", type=Path, default=DATA_FILE, help="territories JSON file")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = sync_territories(path=options["path"])
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
