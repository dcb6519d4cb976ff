"""Secrets kept in the database (an IMAP mailbox's password): encrypted at
rest with Fernet (AES-128-CBC + HMAC-SHA256, from ``cryptography``).

The key comes from ``NIDAA_SECRETS_KEYS`` (comma-separated Fernet keys, the
first one encrypts, all of them decrypt, so a key can be rotated), or is
derived from ``SECRET_KEY`` when none is set. A value stored before
encryption existed (no ``enc:`` prefix) is read as it is.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "enc:"


class SecretUnreadable(Exception):
    """The stored secret was encrypted with a key this instance no longer has."""


def _fernet() -> MultiFernet:
    keys = [key.strip() for key in getattr(settings, "NIDAA_SECRETS_KEYS", "").split(",") if key.strip()]
    if not keys:
        derived = hashlib.sha256(f"nidaa-secrets:{settings.SECRET_KEY}".encode()).digest()
        keys = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(key.encode()) for key in keys])


def seal(plain: str) -> str:
    """The value to store for ``plain`` ("" stays "")."""
    if not plain:
        return ""
    return PREFIX + _fernet().encrypt(plain.encode()).decode()


def unseal(stored: str) -> str:
    """The plain value of a stored one. Raises ``SecretUnreadable`` when no
    configured key opens it."""
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _fernet().decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as error:
        raise SecretUnreadable() from error


def unseal_or_empty(stored: str) -> str:
    """The plain value, or "" when the key that sealed it is gone (a mailbox
    password then has to be typed again; polling reports the refused login)."""
    try:
        return unseal(stored)
    except SecretUnreadable:
        return ""
