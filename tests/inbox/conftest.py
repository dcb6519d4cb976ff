"""The mail tests share the applications tests' fixtures: media in a temporary
folder, an open call, an applicant."""

import pytest

from tests.applications.conftest import _media_in_tmp, applicant, applicant_client, call  # noqa: F401


@pytest.fixture(autouse=True)
def _local_imap_servers_allowed(settings):
    # The tests' IMAP servers listen on 127.0.0.1, which production refuses
    # (test_mailbox_connection_guard.py checks that, with this setting off).
    settings.NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS = True
