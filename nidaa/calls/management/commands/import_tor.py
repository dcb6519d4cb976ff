"""``nidaa tor import FILE... --org SLUG [--publish]``: one line per file, errors
reported per file without stopping, exit status 1 if any file failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_slug

from nidaa.accounts.models import Organization
from nidaa.calls.services import import_tor
from nidaa.tor.document import ReadError


class Command(BaseCommand):
    help = "Import terms of reference as calls of an organisation (created if it does not exist)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--org", required=True, metavar="SLUG", help="the organisation's short name")
        parser.add_argument("--publish", action="store_true", help="publish each call at once")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["org"]
        try:
            validate_slug(slug)
        except ValidationError as error:
            raise CommandError(f"--org {slug!r}: letters, digits, hyphens and underscores only") from error
        organization, created = Organization.objects.get_or_create(slug=slug, defaults={"name": slug})
        if created:
            self.stderr.write(f"created organisation {slug}")
        failures = 0
        for name in options["files"]:
            path = Path(name)
            try:
                call = import_tor(
                    organization=organization,
                    data=path.read_bytes(),
                    filename=path.name,
                    actor=None,
                    publish=options["publish"],
                )
            except ReadError as error:
                failures += 1
                self.stderr.write(f"{name}: error: {error.message}")
            except OSError as error:
                failures += 1
                self.stderr.write(f"{name}: error: {error.strerror or error}")
            else:
                self.stdout.write(f"{call.pk}\t{call.title}\t{call.status}")
        if failures:
            raise CommandError(f"{failures} of {len(options['files'])} files could not be imported")
