"""Reading an issuer's mailbox over IMAP (standard library ``imaplib``).

``poll_mailbox`` opens the folder read-only, asks for the UIDs after the last
one read, fetches them in batches with their INTERNALDATE (the time the
mailbox received them, which decides lateness: the sender's Date header is
the sender's word) and hands each batch to ``ingest_messages``. ``last_uid``
moves on in the same transaction as each stored batch, so a crash re-reads nothing
that was stored; and since intake is idempotent by Message-ID, re-reading a
message is harmless anyway: that is why a changed UIDVALIDITY (the server
renumbered the folder) simply starts again from the first message.

Nothing here raises to the task queue: a connection refused, a refused
password or a missing folder ends up in ``Mailbox.last_error`` for the
mailbox settings page, and the next poll tries again.
"""

from __future__ import annotations

import base64
import imaplib
import ipaddress
import logging
import re
import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nidaa.common.secrets import unseal_or_empty
from nidaa.inbox.intake import (
    IngestResult,
    MessageFailed,
    RawItem,
    ingest_messages,
)
from nidaa.inbox.matching import IntakeMatcher
from nidaa.inbox.models import Mailbox
from nidaa.inbox.writer import StorageWriter

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30
# Opening the connection: a server that does not answer in this time is
# reported at once rather than holding the request (or the poll) for 30 s.
CONNECT_TIMEOUT_SECONDS = 5
# UIDs fetched per FETCH command: bounds the memory a batch of large messages takes.
FETCH_BATCH = 10
# Messages read per poll: a backlog is read over several polls rather than in
# one run longer than the 5-minute period, so two polls rarely overlap (and
# when they do, intake's Message-ID check stores each message once).
POLL_LIMIT = 500


class MailboxError(Exception):
    """The mailbox could not be read; ``str(error)`` is for the issuer."""


@dataclass
class PollResult:
    """What one poll did. ``error`` is empty when the poll went through."""

    mailbox_id: int
    read: int = 0
    created: int = 0
    filed: int = 0
    triage: int = 0
    duplicates: int = 0
    last_uid: int = 0
    error: str = ""
    # The mailbox is paused or gone: nothing was tried.
    skipped: bool = False

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class ConnectionCheck:
    """The outcome of ``check_connection``: ``messages`` in the folder when it worked."""

    ok: bool
    message: str
    messages: int = 0


# --- connecting ----------------------------------------------------------------


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def encode_folder(name: str) -> str:
    """An IMAP mailbox name: modified UTF-7 (RFC 3501 §5.1.3), quoted, since
    imaplib sends names as they are ("Reçus 2026" would break the command)."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode("ascii")
            out.append("&" + encoded.rstrip("=").replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            out.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    return _quote("".join(out))


def _connect(
    *, host: str, port: int, use_ssl: bool, username: str, password: str, folder: str
) -> tuple[imaplib.IMAP4, int, int]:
    """A logged-in connection with ``folder`` selected read-only, its
    UIDVALIDITY and message count. Raises ``MailboxError`` with a message for
    the issuer; the connection is closed on failure."""
    where = {"host": host, "port": port}
    address = _vetted_address(host, port)
    try:
        if use_ssl:
            conn: imaplib.IMAP4 = _PinnedIMAP4SSL(
                host,
                port,
                address=address,
                ssl_context=ssl.create_default_context(),
                timeout=CONNECT_TIMEOUT_SECONDS,
            )
        else:
            conn = _PinnedIMAP4(host, port, address=address, timeout=CONNECT_TIMEOUT_SECONDS)
        conn.sock.settimeout(TIMEOUT_SECONDS)
    except TimeoutError as exc:
        raise MailboxError(_("%(host)s:%(port)s did not answer in time.") % where) from exc
    except ssl.SSLError as exc:
        raise MailboxError(
            _("The secure (SSL/TLS) connection to %(host)s:%(port)s failed: %(reason)s.")
            % {**where, "reason": exc.reason or exc}
        ) from exc
    except OSError as exc:
        raise MailboxError(
            _("Could not connect to %(host)s:%(port)s: %(reason)s.")
            % {**where, "reason": exc.strerror or exc.__class__.__name__}
        ) from exc
    except imaplib.IMAP4.error as exc:
        # What answered is not repeated: it may be any service on that port.
        raise MailboxError(_("%(host)s:%(port)s did not answer as an IMAP server.") % where) from exc
    try:
        try:
            conn.login(username, password)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            raise MailboxError(_("The server refused the user name or password.")) from exc
        typ, data = conn.select(encode_folder(folder), readonly=True)
        if typ != "OK":
            raise MailboxError(
                _("The folder “%(folder)s” does not exist on the server.") % {"folder": folder}
            )
        _name, validity = conn.response("UIDVALIDITY")
        if not validity or validity[0] is None:
            raise MailboxError(_("The server gave no UIDVALIDITY for the folder."))
        count = int(data[0] or 0) if data else 0
        return conn, int(validity[0]), count
    except MailboxError:
        _close(conn)
        raise
    except (OSError, imaplib.IMAP4.error) as exc:
        _close(conn)
        raise MailboxError(_("The IMAP server answered unexpectedly: %(reason)s.") % {"reason": exc}) from exc


def _vetted_address(host: str, port: int) -> str:
    """The address to connect to, looked up once: refused if ``host`` resolves
    to this machine or a private, link-local or reserved network, unless
    ``NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS``. An organisation's admin types the
    host, and would otherwise probe the server's own network (and hand it a
    stored password); connecting to the address vetted here, not to the name,
    leaves no second lookup for a DNS server to answer differently."""
    where = {"host": host, "port": port}
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise MailboxError(_("Could not find the server %(host)s.") % where) from exc
    addresses = [str(sockaddr[0]) for *_rest, sockaddr in found]
    if not getattr(settings, "NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS", False):
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise MailboxError(
                    _("%(host)s is on a private or local network: only servers on the internet can be read.")
                    % where
                )
    return addresses[0]


class _PinnedIMAP4(imaplib.IMAP4):
    """IMAP to ``address`` (vetted by ``_vetted_address``), not to a new
    lookup of the host's name."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        self.address = address
        super().__init__(host, port, timeout=timeout)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        return socket.create_connection((self.address, self.port), timeout)


class _PinnedIMAP4SSL(imaplib.IMAP4_SSL):
    """IMAP over TLS to ``address``; the certificate is still checked against
    the host's name."""

    def __init__(
        self, host: str, port: int, *, address: str, ssl_context: ssl.SSLContext, timeout: float
    ) -> None:
        self.address = address
        super().__init__(host, port, ssl_context=ssl_context, timeout=timeout)

    def _create_socket(self, timeout: float | None) -> socket.socket:
        sock = socket.create_connection((self.address, self.port), timeout)
        return self.ssl_context.wrap_socket(sock, server_hostname=self.host)


def _close(conn: imaplib.IMAP4) -> None:
    try:
        conn.logout()
    except (OSError, imaplib.IMAP4.error):
        # Already gone: nothing left to close.
        pass


def check_connection(
    *, host: str, port: int, use_ssl: bool, username: str, password: str, folder: str
) -> ConnectionCheck:
    """Try LOGIN and SELECT with these settings (the "test connection" button)."""
    try:
        conn, _validity, count = _connect(
            host=host, port=port, use_ssl=use_ssl, username=username, password=password, folder=folder
        )
    except MailboxError as error:
        return ConnectionCheck(ok=False, message=str(error))
    _close(conn)
    return ConnectionCheck(
        ok=True,
        message=_("Connected: the folder “%(folder)s” holds %(count)s messages.")
        % {"folder": folder, "count": count},
        messages=count,
    )


# --- reading -------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), start=1)}
_INTERNALDATE = re.compile(
    rb'INTERNALDATE "\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})"'
)
_UID = re.compile(rb"\bUID (\d+)")


def parse_internaldate(meta: bytes) -> datetime | None:
    """The INTERNALDATE of a FETCH response as an aware datetime (its own
    offset kept), or None. Parsed here because ``imaplib.Internaldate2tuple``
    returns a naive local time tuple."""
    found = _INTERNALDATE.search(meta)
    if found is None:
        return None
    day, month, year, hour, minute, second, sign, off_h, off_m = found.groups()
    if month.decode().title() not in _MONTHS:
        return None
    offset = timedelta(hours=int(off_h), minutes=int(off_m))
    zone = dt_timezone(-offset if sign == b"-" else offset)
    return datetime(
        int(year), _MONTHS[month.decode().title()], int(day), int(hour), int(minute), int(second), tzinfo=zone
    )


def _fetched(data: list) -> Iterator[tuple[int, datetime | None, bytes]]:
    """(uid, internaldate, raw) from a UID FETCH answer. imaplib gives each
    message as a (metadata, literal) tuple followed by the rest of its line,
    where a server may put the UID or INTERNALDATE after the body."""
    for index, item in enumerate(data):
        if not isinstance(item, tuple):
            continue
        meta = item[0]
        following = data[index + 1] if index + 1 < len(data) else b""
        if isinstance(following, bytes):
            meta += following
        uid = _UID.search(meta)
        if uid is None:
            continue
        yield int(uid.group(1)), parse_internaldate(meta), item[1]


def _new_uids(conn: imaplib.IMAP4, last_uid: int) -> list[int]:
    typ, data = conn.uid("SEARCH", f"UID {last_uid + 1}:*")
    if typ != "OK":
        raise MailboxError(_("The IMAP server refused the search: %(reason)s.") % {"reason": data})
    # "n:*" always includes the highest UID, even when it is below n.
    return sorted(uid for uid in (int(u) for u in b" ".join(data or []).split()) if uid > last_uid)


def poll_mailbox(*, mailbox_id: int, limit: int = POLL_LIMIT) -> PollResult:
    """Read the mailbox's new messages into intake; never raises (an
    inactive or deleted mailbox is left alone). The outcome is recorded on the
    mailbox: ``last_polled_at``, and ``last_error`` (empty when it worked)."""
    result = PollResult(mailbox_id=mailbox_id)
    mailbox = Mailbox.objects.select_related("organization").filter(pk=mailbox_id, is_active=True).first()
    if mailbox is None:
        result.skipped = True
        return result
    result.last_uid = mailbox.last_uid
    # last_error is kept in the site's language: the task has no request.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            _read_new_messages(mailbox, result, limit=limit)
        except MailboxError as error:
            result.error = str(error)
        except Exception as error:  # a poll must never kill the worker
            logger.exception("Polling mailbox %s failed", mailbox_id)
            result.error = _("Polling failed: %(reason)s.") % {"reason": error}
    if result.error:
        logger.warning("Mailbox %s (%s): %s", mailbox.pk, mailbox.address, result.error)
    Mailbox.objects.filter(pk=mailbox.pk).update(last_polled_at=timezone.now(), last_error=result.error)
    return result


def _read_new_messages(mailbox: Mailbox, result: PollResult, *, limit: int) -> None:
    conn, validity, _count = _connect(
        host=mailbox.host,
        port=mailbox.port,
        use_ssl=mailbox.use_ssl,
        username=mailbox.username,
        password=unseal_or_empty(mailbox.password),
        folder=mailbox.folder,
    )
    try:
        if mailbox.uid_validity != validity:
            # First poll, or the server renumbered the folder: start again from
            # the first message (those already stored are skipped by Message-ID).
            Mailbox.objects.filter(pk=mailbox.pk).update(uid_validity=validity, last_uid=0)
            mailbox.uid_validity, mailbox.last_uid = validity, 0
            result.last_uid = 0
        uids = _new_uids(conn, mailbox.last_uid)[:limit]
        if not uids:
            return
        matcher = IntakeMatcher(mailbox.organization)

        def move_last_uid(items: Sequence[RawItem]) -> None:
            # In the batch's transaction; monotonic: an overlapping poll may
            # already be further on.
            uid = max(item.key for item in items)
            Mailbox.objects.filter(pk=mailbox.pk, last_uid__lt=uid).update(last_uid=uid)

        def count(index: int, item: RawItem, ingested: IngestResult) -> None:
            result.read += 1
            result.last_uid = item.key
            if not ingested.created:
                result.duplicates += 1
            elif ingested.filed:
                result.created += 1
                result.filed += 1
            else:
                result.created += 1
                result.triage += 1

        with StorageWriter() as writer:
            for start in range(0, len(uids), FETCH_BATCH):
                batch = uids[start : start + FETCH_BATCH]
                typ, data = conn.uid("FETCH", ",".join(map(str, batch)), "(UID INTERNALDATE BODY.PEEK[])")
                if typ != "OK":
                    raise MailboxError(
                        _("The IMAP server refused to send messages: %(reason)s.") % {"reason": data}
                    )
                # In UID order, so that last_uid never skips a message not yet stored.
                items: list[RawItem] = []
                undated: int | None = None
                for uid, received_at, raw in sorted(_fetched(data), key=lambda item: item[0]):
                    if received_at is None:
                        undated = uid
                        break
                    items.append(RawItem(raw=raw, received_at=received_at, received_source="imap", key=uid))
                try:
                    # One transaction for the fetched messages (and last_uid).
                    ingest_messages(
                        organization=mailbox.organization,
                        items=items,
                        mailbox=mailbox,
                        matcher=matcher,
                        batch_size=FETCH_BATCH,
                        writer=writer,
                        on_stored=move_last_uid,
                        on_result=count,
                    )
                except MessageFailed as failed:
                    # Stop at this message rather than skip it (those before it
                    # are stored): it is read again next time, and its
                    # INTERNALDATE still decides lateness.
                    logger.error(
                        "Mailbox %s: message UID %s could not be stored",
                        mailbox.pk,
                        failed.item.key,
                        exc_info=failed.error,
                    )
                    raise MailboxError(
                        _("Message %(uid)s could not be stored (%(reason)s); the next poll tries it again.")
                        % {"uid": failed.item.key, "reason": failed.error}
                    ) from failed.error
                if undated is not None:
                    raise MailboxError(
                        _("The server gave no receipt time for message %(uid)s.") % {"uid": undated}
                    )
    finally:
        _close(conn)


def active_mailbox_ids() -> list[int]:
    return list(Mailbox.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
