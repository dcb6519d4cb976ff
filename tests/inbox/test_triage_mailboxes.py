"""The mailbox settings pages: connect, edit, test the connection (against a real dovecot)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from nidaa.common.models import AuditEntry
from nidaa.common.secrets import unseal
from nidaa.inbox.models import Mailbox
from tests.conftest import client_for

STORED_PASSWORD = "s3cret-stored-password"


def url(name, *args):
    with translation.override("en"):
        return reverse(f"inbox:{name}", args=args)


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
        folder="INBOX",
        uid_validity=1234,
        last_uid=42,
    )


def form_data(org, **overrides):
    data = {
        "organization": org.pk,
        "address": "candidatures@example.org",
        "host": "imap.example.org",
        "port": "993",
        "use_ssl": "on",
        "username": "candidatures@example.org",
        "password": "a new password",
        "folder": "INBOX",
        "is_active": "on",
        "action": "save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def server_data(org, server, **overrides):
    values = {
        "host": server.host,
        "port": str(server.port),
        "use_ssl": None,
        "username": server.user,
        "password": server.password,
    }
    values.update(overrides)
    return form_data(org, **values)


# --- who may -------------------------------------------------------------------


def test_admins_see_their_organisations_mailboxes(mailbox, owner_client):
    response = owner_client.get(url("mailboxes"))

    assert response.status_code == 200
    assert list(response.context["mailboxes"]) == [mailbox]


def test_admins_of_another_organisation_do_not_see_them(mailbox, outsider_client):
    response = outsider_client.get(url("mailboxes"))

    assert response.status_code == 200
    assert list(response.context["mailboxes"]) == []
    assert outsider_client.get(url("mailbox_edit", mailbox.pk)).status_code == 404
    assert (
        outsider_client.post(url("mailbox_edit", mailbox.pk), form_data(mailbox.organization)).status_code
        == 404
    )


@pytest.mark.parametrize("persona", ["member", "evaluator"])
def test_editors_and_evaluators_do_not_manage_mailboxes(request, mailbox, persona):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(url("mailboxes")).status_code == 404
    assert client.get(url("mailbox_create")).status_code == 404
    assert client.get(url("mailbox_edit", mailbox.pk)).status_code == 404
    assert client.post(url("mailbox_create"), form_data(mailbox.organization)).status_code == 404
    assert Mailbox.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(mailbox, anon_client):
    for target in (url("mailboxes"), url("mailbox_create"), url("mailbox_edit", mailbox.pk)):
        response = anon_client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


# --- connecting and editing -----------------------------------------------------


def test_an_admin_connects_a_mailbox(org, owner, owner_client):
    response = owner_client.post(url("mailbox_create"), form_data(org))

    mailbox = Mailbox.objects.get()
    assert (response.status_code, response["Location"]) == (302, url("mailbox_edit", mailbox.pk))
    # Encrypted at rest, never the password as typed.
    assert mailbox.password.startswith("enc:")
    assert (
        mailbox.organization,
        mailbox.address,
        mailbox.host,
        mailbox.port,
        mailbox.use_ssl,
        mailbox.username,
        unseal(mailbox.password),
        mailbox.folder,
        mailbox.is_active,
        mailbox.last_uid,
    ) == (
        org,
        "candidatures@example.org",
        "imap.example.org",
        993,
        True,
        "candidatures@example.org",
        "a new password",
        "INBOX",
        True,
        0,
    )
    entry = AuditEntry.objects.get(object_type="inbox.mailbox", object_id=mailbox.pk)
    assert (entry.actor, entry.action, entry.data) == (
        owner,
        "connect",
        {"address": "candidatures@example.org", "host": "imap.example.org"},
    )


def test_a_new_mailbox_needs_a_password(org, owner_client):
    response = owner_client.post(url("mailbox_create"), form_data(org, password=""))

    assert response.status_code == 400
    assert response.context["form"].errors == {"password": ["This field is required."]}
    assert Mailbox.objects.count() == 0


def test_the_server_name_is_a_host_not_an_address(org, owner_client):
    response = owner_client.post(url("mailbox_create"), form_data(org, host="https://imap.example.org/"))

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "host": ["Give the server's name only, for example imap.example.org."]
    }


def test_an_admin_cannot_connect_a_mailbox_for_another_organisation(org, other_org, owner_client):
    response = owner_client.post(url("mailbox_create"), form_data(other_org))

    assert response.status_code == 400
    assert Mailbox.objects.count() == 0


def test_the_stored_password_is_never_shown(mailbox, owner_client):
    response = owner_client.get(url("mailbox_edit", mailbox.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert STORED_PASSWORD not in content
    assert '<input type="password" name="password" autocomplete="new-password"' in content


def test_an_empty_password_keeps_the_stored_one_and_the_reading_position(mailbox, owner_client):
    data = form_data(
        mailbox.organization,
        address="recrutement@example.org",
        username="recrutement@example.org",
        password="",
        is_active=None,
    )

    response = owner_client.post(url("mailbox_edit", mailbox.pk), data)

    assert response.status_code == 302
    mailbox.refresh_from_db()
    assert (unseal(mailbox.password), mailbox.is_active, mailbox.uid_validity, mailbox.last_uid) == (
        STORED_PASSWORD,
        False,
        1234,
        42,
    )
    entry = AuditEntry.objects.get(object_type="inbox.mailbox", object_id=mailbox.pk, action="update")
    assert entry.data == {"changed": ["is_active"]}


def test_another_folder_is_read_from_its_first_message(mailbox, owner_client):
    data = form_data(
        mailbox.organization,
        address="recrutement@example.org",
        username="recrutement@example.org",
        password="",
        folder="Candidatures",
    )

    owner_client.post(url("mailbox_edit", mailbox.pk), data)

    mailbox.refresh_from_db()
    assert (mailbox.folder, mailbox.uid_validity, mailbox.last_uid, unseal(mailbox.password)) == (
        "Candidatures",
        None,
        0,
        STORED_PASSWORD,
    )


def test_the_page_shows_the_last_error(mailbox, owner_client):
    Mailbox.objects.filter(pk=mailbox.pk).update(last_error="The server refused the user name or password.")

    response = owner_client.get(url("mailbox_edit", mailbox.pk))

    assert "The server refused the user name or password." in response.content.decode()


# --- the test button ------------------------------------------------------------


def test_testing_a_connection_signs_in_and_saves_nothing(org, owner_client, imap_server):
    response = owner_client.post(url("mailbox_create"), server_data(org, imap_server, action="test"))

    assert response.status_code == 200
    check = response.context["check"]
    assert (check.ok, check.message) == (True, "Connected: the folder “INBOX” holds 0 messages.")
    assert "Connected: the folder “INBOX” holds 0 messages." in response.content.decode()
    assert imap_server.password not in response.content.decode()
    assert Mailbox.objects.count() == 0


def test_testing_a_wrong_password_says_so(org, owner_client, imap_server):
    response = owner_client.post(
        url("mailbox_create"), server_data(org, imap_server, password="wrong", action="test")
    )

    assert response.context["check"].message == "The server refused the user name or password."


def test_testing_an_existing_mailbox_uses_its_stored_password(org, owner_client, imap_server):
    mailbox = Mailbox.objects.create(
        organization=org,
        address="candidatures@example.org",
        host=imap_server.host,
        port=imap_server.port,
        use_ssl=False,
        username=imap_server.user,
        password=imap_server.password,
    )

    response = owner_client.post(
        url("mailbox_edit", mailbox.pk), server_data(org, imap_server, password="", action="test")
    )

    assert response.context["check"].ok is True
    mailbox.refresh_from_db()
    assert mailbox.password == imap_server.password


# --- CSRF -----------------------------------------------------------------------


def test_the_mailbox_forms_need_the_csrf_token(org, mailbox, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    assert client.post(url("mailbox_create"), form_data(org)).status_code == 403
    assert client.post(url("mailbox_edit", mailbox.pk), form_data(org, password="changed")).status_code == 403
    assert Mailbox.objects.count() == 1
    mailbox.refresh_from_db()
    assert mailbox.password == STORED_PASSWORD


def test_connection_tests_are_rate_limited_per_user(org, owner_client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.RATE_LIMIT_MAILBOX_TEST = "2/m"
    # A closed port: each test answers at once with "connection refused".
    data = form_data(org, host="127.0.0.1", port="9", use_ssl=None, password="x", action="test")
    statuses = [owner_client.post(url("mailbox_create"), data).status_code for _ in range(3)]
    cache.clear()
    assert statuses == [200, 200, 429]
    assert Mailbox.objects.count() == 0
