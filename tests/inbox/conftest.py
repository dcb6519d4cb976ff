"""Shared by the mail tests: the call messages are written to (a published call
asking for three pieces by e-mail, see mail_fixtures.intake_call), the
private dovecot and its mailbox, and English for exact error texts."""

import pytest

from tests.inbox.imap_server import dovecot, imap_server  # noqa: F401 - fixtures
from tests.inbox.mail_fixtures import intake_call


@pytest.fixture
def call(org):
    return intake_call(org)


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def _local_imap_servers_allowed(settings):
    # The tests' IMAP servers listen on 127.0.0.1, which production refuses
    # (test_mailbox_connection_guard.py checks that, with this setting off).
    settings.NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS = True
