"""Connecting to a mailbox (the settings page's test button, the poll's
errors) and the bits of IMAP read without a server."""

import socket
from datetime import UTC, datetime, timedelta

import pytest

from nidaa.inbox.imap import check_connection, encode_folder, parse_internaldate, poll_mailbox
from nidaa.inbox.models import Mailbox

# Errors are stored in the site's language; English keeps them exact here.
pytestmark = pytest.mark.usefixtures("english")


def unused_port() -> int:
    # Bound then closed: nothing listens there afterwards.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def settings_for(server, **overrides):
    values = {
        "host": server.host,
        "port": server.port,
        "use_ssl": False,
        "username": server.user,
        "password": server.password,
        "folder": "INBOX",
    }
    values.update(overrides)
    return values


def test_check_connection_signs_in_and_opens_the_folder(imap_server):
    imap_server.append(b"Subject: x\r\nMessage-ID: <x@y>\r\n\r\nx\r\n", received_at=datetime.now(tz=UTC))

    check = check_connection(**settings_for(imap_server))

    assert (check.ok, check.messages, check.message) == (
        True,
        1,
        "Connected: the folder “INBOX” holds 1 messages.",
    )


def test_check_connection_reports_a_refused_password(imap_server):
    check = check_connection(**settings_for(imap_server, password="wrong"))

    assert (check.ok, check.message) == (False, "The server refused the user name or password.")


def test_check_connection_reports_a_missing_folder(imap_server):
    check = check_connection(**settings_for(imap_server, folder="Nulle part"))

    assert (check.ok, check.message) == (False, "The folder “Nulle part” does not exist on the server.")


def test_check_connection_reports_ssl_spoken_to_a_plain_port(imap_server):
    check = check_connection(**settings_for(imap_server, use_ssl=True))

    assert check.ok is False
    assert check.message.startswith(
        f"The secure (SSL/TLS) connection to 127.0.0.1:{imap_server.port} failed: "
    )


def test_a_refused_connection_is_recorded_on_the_mailbox(org):
    port = unused_port()
    mailbox = Mailbox.objects.create(
        organization=org,
        address="recrutement@example.org",
        host="127.0.0.1",
        port=port,
        use_ssl=False,
        username="u",
        password="p",
    )

    result = poll_mailbox(mailbox_id=mailbox.pk)

    expected = f"Could not connect to 127.0.0.1:{port}: Connection refused."
    assert result.error == expected
    mailbox.refresh_from_db()
    assert mailbox.last_error == expected


def test_internaldate_keeps_its_offset():
    meta = b'1 (UID 7 INTERNALDATE "07-Jan-2025 00:10:00 +0100" BODY[] {12}'

    assert parse_internaldate(meta) == datetime(2025, 1, 6, 23, 10, tzinfo=UTC)
    assert parse_internaldate(meta).utcoffset() == timedelta(hours=1)


def test_internaldate_with_a_one_digit_day_and_a_negative_offset():
    assert parse_internaldate(b'INTERNALDATE " 6-Jan-2025 18:10:00 -0500"') == datetime(
        2025, 1, 6, 23, 10, tzinfo=UTC
    )


def test_a_response_without_internaldate_gives_none():
    assert parse_internaldate(b"1 (UID 7 BODY[] {12}") is None


@pytest.mark.parametrize(
    ("name", "encoded"),
    [
        ("INBOX", '"INBOX"'),
        ("Reçus 2025", '"Re&AOc-us 2025"'),
        ("Offres & devis", '"Offres &- devis"'),
        ("طلبات", '"&BjcGRAYoBicGKg-"'),
        ('Dossier "A"', '"Dossier \\"A\\""'),
    ],
)
def test_folder_names_are_sent_in_modified_utf7(name, encoded):
    assert encode_folder(name) == encoded
