"""Mailbox passwords are encrypted at rest and can be read back, also after a
key rotation; a wrong key is a clear error, not garbage."""

import pytest
from cryptography.fernet import Fernet

from nidaa.common.secrets import SecretUnreadable, seal, unseal


def test_a_sealed_secret_is_not_stored_in_clear_and_reads_back(settings):
    settings.NIDAA_SECRETS_KEYS = ""
    stored = seal("mot de passe très secret")
    assert stored.startswith("enc:")
    assert "secret" not in stored
    assert unseal(stored) == "mot de passe très secret"
    # Two seals of the same value differ (random IV): equality leaks nothing.
    assert seal("mot de passe très secret") != stored


def test_rotation_old_key_still_opens_and_new_key_encrypts(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.NIDAA_SECRETS_KEYS = old
    stored = seal("imap-password")
    settings.NIDAA_SECRETS_KEYS = f"{new},{old}"
    assert unseal(stored) == "imap-password"
    settings.NIDAA_SECRETS_KEYS = new
    with pytest.raises(SecretUnreadable):
        unseal(stored)


def test_empty_and_legacy_plain_values(settings):
    assert seal("") == ""
    assert unseal("") == ""
    assert unseal("stored-before-encryption") == "stored-before-encryption"
