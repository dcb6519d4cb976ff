"""The mailbox "test the connection" button is neither a way to send another
admin's stored password to any host nor an internal port scanner (issue 10,
item 10)."""

import socket

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from nidaa.inbox import imap
from nidaa.inbox.models import Mailbox

STORED_PASSWORD = "s3cret-stored-password"


def url(name, *args):
    with translation.override("en"):
        return reverse(f"inbox:{name}", args=args)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Each test here presses "test the connection", which is rate-limited per
    # user: the counts must not reach the next test's identical user.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def listener():
    """A port on this machine that records whether anything connected."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        yield sock


def connections(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _address = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


@pytest.fixture
def mailbox(org):
    return Mailbox.objects.create(
        organization=org,
        address="recrutement@example.org",
        host="imap.example.org",
        port=993,
        use_ssl=True,
        username="recrutement@example.org",
        password=STORED_PASSWORD,
    )


def data(org, **overrides):
    values = {
        "organization": org.pk,
        "address": "recrutement@example.org",
        "host": "imap.example.org",
        "port": "993",
        "use_ssl": "on",
        "username": "recrutement@example.org",
        "password": "",
        "folder": "INBOX",
        "is_active": "on",
        "action": "test",
    }
    values.update(overrides)
    return {k: v for k, v in values.items() if v is not None}


@pytest.mark.parametrize(
    "moved",
    [{"host": "127.0.0.1"}, {"port": "PORT"}, {"username": "someone-else"}],
    ids=["host", "port", "user"],
)
def test_stored_password_is_not_sent_to_a_server_an_admin_typed(org, mailbox, owner_client, listener, moved):
    port = str(listener.getsockname()[1])
    moved = {key: (port if value == "PORT" else value) for key, value in moved.items()}
    overrides = {"host": "127.0.0.1", "port": port, "use_ssl": None} if "host" in moved else moved
    for action in ("test", "save"):
        response = owner_client.post(url("mailbox_edit", mailbox.pk), data(org, action=action, **overrides))
        assert response.status_code == 400
        assert response.context["form"].errors == {
            "password": ["Type the password again: the server, port or user name changed."]
        }
    assert connections(listener) == 0
    mailbox.refresh_from_db()
    assert (mailbox.host, mailbox.port, mailbox.username) == (
        "imap.example.org",
        993,
        "recrutement@example.org",
    )


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.10", "172.16.5.5", "169.254.169.254", "::1"]
)
def test_testing_a_connection_refuses_this_machine_and_private_networks(org, owner_client, settings, host):
    settings.NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS = False
    response = owner_client.post(url("mailbox_create"), data(org, host=host, port="25", password="x"))
    check = response.context["check"]
    assert (check.ok, check.message) == (
        False,
        f"{host} is on a private or local network: only servers on the internet can be read.",
    )


def test_port_scanning_this_machine_through_the_test_button_connects_nowhere(
    org, owner_client, settings, listener
):
    settings.NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS = False
    port = str(listener.getsockname()[1])
    response = owner_client.post(
        url("mailbox_create"), data(org, host="127.0.0.1", port=port, use_ssl=None, password="x")
    )
    assert response.context["check"].ok is False
    assert connections(listener) == 0


def test_a_server_that_never_answers_is_given_up_after_the_connect_timeout(listener, monkeypatch):
    # The kernel accepts the connection; nothing ever greets.
    assert imap.CONNECT_TIMEOUT_SECONDS <= 5
    monkeypatch.setattr(imap, "CONNECT_TIMEOUT_SECONDS", 0.2)
    host, port = listener.getsockname()
    check = imap.check_connection(
        host=host, port=port, use_ssl=False, username="u", password="p", folder="INBOX"
    )
    assert (check.ok, check.message) == (False, f"127.0.0.1:{port} n’a pas répondu à temps.")


def test_a_name_that_resolves_differently_the_second_time_is_not_looked_up_again(
    listener, monkeypatch, settings
):
    # DNS rebinding: the name passes the check with one address, then would
    # lead the connection elsewhere. The connection goes to the address checked.
    settings.NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS = True  # the stand-in server is on 127.0.0.1
    host, port = listener.getsockname()
    real_getaddrinfo = socket.getaddrinfo
    answers = iter(["127.0.0.1", "127.0.0.2"])
    lookups = []

    def rebinding_dns(name, *args, **kwargs):
        if name != "mail.rebind.example":
            return real_getaddrinfo(name, *args, **kwargs)
        lookups.append(name)
        return real_getaddrinfo(next(answers), *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    monkeypatch.setattr(imap, "CONNECT_TIMEOUT_SECONDS", 0.2)
    imap.check_connection(
        host="mail.rebind.example", port=port, use_ssl=False, username="u", password="p", folder="INBOX"
    )
    assert (lookups, connections(listener)) == (["mail.rebind.example"], 1)
