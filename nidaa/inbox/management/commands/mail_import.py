"""``nidaa mail import FILE... --org SLUG``: .eml and .mbox files into the
organisation's applications or its triage inbox.

The kind of file is read from its content (an mbox starts with "From "). A
file that is missing, unreadable or not a message is reported and the others
are still imported; the exit status is 1 if any file failed. Importing a file
twice stores nothing new (messages are kept once per Message-ID).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.accounts.models import Organization
from nidaa.inbox.intake import (
    IngestResult,
    IntakeSummary,
    RawItem,
    ingest_messages,
)
from nidaa.inbox.matching import IntakeMatcher
from nidaa.inbox.writer import StorageWriter
from nidaa.mailintake.files import NotAMessage, messages_in

SUMMARY = ("read", "new", "duplicates", "filed", "late", "incomplete", "triage", "failed")


class Command(BaseCommand):
    help = "Import .eml and .mbox files into an organisation's applications (or its triage inbox)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--org", required=True, metavar="SLUG", help="the organisation's short name")
        parser.add_argument(
            "--batch",
            type=int,
            default=200,
            metavar="N",
            help="messages per database transaction (a failing message is left out, the others filed)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            organization = Organization.objects.get(slug=options["org"])
        except Organization.DoesNotExist as error:
            raise CommandError(f"--org {options['org']!r}: no such organisation") from error
        self.verbosity = options["verbosity"]
        self.organization = organization
        # Calls are read once per run: matching is then pure computation.
        self.matcher = IntakeMatcher(organization)
        # One writer for the run: a file stored once is not written again.
        self.writer = StorageWriter()
        try:
            self._import_files(options)
        finally:
            self.writer.close()

    def _import_files(self, options: dict[str, Any]) -> None:
        counts = IntakeSummary()
        failed = 0
        for name in options["files"]:
            path = Path(name)
            before = counts.read
            try:
                self._import(name, path, options, counts)
            except NotAMessage as error:
                failed += 1
                self.stderr.write(f"{name}: error: {error}")
            except FileNotFoundError:
                failed += 1
                self.stderr.write(f"{name}: error: no such file")
            except IsADirectoryError:
                failed += 1
                self.stderr.write(f"{name}: error: is a directory")
            except OSError as error:
                failed += 1
                self.stderr.write(f"{name}: error: cannot read ({error.strerror or error})")
            else:
                if counts.read == before:
                    failed += 1
                    self.stderr.write(f"{name}: error: no message in the file")
                elif options["verbosity"] >= 1:
                    self.stdout.write(f"{name}: {counts.read - before} messages")
        self.stdout.write(" · ".join(f"{key} {getattr(counts, key)}" for key in SUMMARY))
        if failed:
            raise CommandError(f"{failed} of {len(options['files'])} files could not be imported")
        if counts.failed:
            raise CommandError(f"{counts.failed} of {counts.read} messages could not be imported")

    def _import(self, name: str, path: Path, options: dict[str, Any], counts: IntakeSummary) -> None:
        first = counts.read

        def show(index: int, item: RawItem, result: IngestResult) -> None:
            if self.verbosity >= 2:
                message = result.message
                state = "duplicate" if result.duplicate else message.state
                self.stdout.write(f"{message.message_id}\t{state}\t{message.subject}")

        def report(index: int, item: RawItem, error: Exception) -> None:
            # One bad message must not stop the file: it is left out, the rest is filed.
            self.stderr.write(f"{name}: message {first + index + 1}: error: {error!r}")

        items = (
            RawItem(raw=raw, received_at=received_at, received_source="mbox" if received_at else "")
            for raw, received_at in messages_in(path)
        )
        ingest_messages(
            organization=self.organization,
            items=items,
            matcher=self.matcher,
            batch_size=options["batch"],
            on_result=show,
            on_error=report,
            summary=counts,
            writer=self.writer,
        )
