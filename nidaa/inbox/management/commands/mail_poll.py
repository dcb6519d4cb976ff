"""``nidaa manage mail_poll [--mailbox ID]``: read the organisations' mailboxes
now, for installations that run no task worker (call it from cron) and for
checking a mailbox by hand. Prints one line per mailbox; the exit status is
1 if any mailbox could not be read (its error is also kept on the mailbox)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.inbox import imap
from nidaa.inbox.models import Mailbox


class Command(BaseCommand):
    help = "Read new messages from the organisations' IMAP mailboxes into intake."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--mailbox", type=int, help="only this mailbox (its id)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["mailbox"] is not None:
            if not Mailbox.objects.filter(pk=options["mailbox"]).exists():
                raise CommandError(f"No mailbox with id {options['mailbox']}.")
            ids = [options["mailbox"]]
        else:
            ids = imap.active_mailbox_ids()
        failed = 0
        for mailbox_id in ids:
            mailbox = Mailbox.objects.get(pk=mailbox_id)
            if not mailbox.is_active:
                self.stdout.write(f"{mailbox.address} (#{mailbox_id}): inactive, not polled")
                continue
            result = imap.poll_mailbox(mailbox_id=mailbox_id)
            line = (
                f"{mailbox.address} (#{mailbox_id}): read {result.read}, new {result.created}, "
                f"filed {result.filed}, triage {result.triage}, duplicates {result.duplicates}, "
                f"last UID {result.last_uid}"
            )
            if result.error:
                failed += 1
                self.stderr.write(f"{line}; error: {result.error}")
            else:
                self.stdout.write(line)
        if failed:
            raise SystemExit(1)
