"""Writes on mailboxes: connecting one and changing its settings (audited,
never with the password in the log)."""

from __future__ import annotations

from django.db import transaction

from nidaa.accounts.models import Organization, User
from nidaa.common.secrets import seal, unseal_or_empty
from nidaa.common.workflow import write_audit
from nidaa.inbox.models import Mailbox

# Settings that point at another folder: reading restarts from its first message.
_SOURCE_FIELDS = ("host", "port", "username", "folder")
_SETTINGS = ("address", "host", "port", "use_ssl", "username", "folder", "is_active")


def connect_mailbox(
    *,
    organization: Organization,
    address: str,
    host: str,
    port: int,
    use_ssl: bool,
    username: str,
    password: str,
    folder: str,
    is_active: bool = True,
    actor: User | None,
) -> Mailbox:
    """Connect ``organization`` to an IMAP mailbox; polling reads it from its first message."""
    with transaction.atomic():
        mailbox = Mailbox.objects.create(
            organization=organization,
            address=address,
            host=host,
            port=port,
            use_ssl=use_ssl,
            username=username,
            password=seal(password),
            folder=folder,
            is_active=is_active,
        )
        write_audit(obj=mailbox, actor=actor, action="connect", data={"address": address, "host": host})
    return mailbox


def update_mailbox(
    *,
    mailbox: Mailbox,
    address: str,
    host: str,
    port: int,
    use_ssl: bool,
    username: str,
    password: str,
    folder: str,
    is_active: bool,
    actor: User | None,
) -> Mailbox:
    """Change a mailbox's settings; an empty ``password`` keeps the stored one.
    A different server, user or folder is another folder: reading starts again
    from its first message (intake skips any message already stored)."""
    new = {
        "address": address,
        "host": host,
        "port": port,
        "use_ssl": use_ssl,
        "username": username,
        "folder": folder,
        "is_active": is_active,
    }
    with transaction.atomic():
        locked = Mailbox.objects.select_for_update().get(pk=mailbox.pk)
        changed = [name for name in _SETTINGS if getattr(locked, name) != new[name]]
        for name in changed:
            setattr(locked, name, new[name])
        if password and password != unseal_or_empty(locked.password):
            locked.password = seal(password)
            changed.append("password")
        if any(name in _SOURCE_FIELDS for name in changed):
            locked.uid_validity = None
            locked.last_uid = 0
            changed += ["uid_validity", "last_uid"]
        if changed:
            # A new setting deserves a fresh verdict from the next poll.
            locked.last_error = ""
            locked.save(update_fields=[*changed, "last_error"])
            write_audit(obj=locked, actor=actor, action="update", data={"changed": changed})
    return locked
