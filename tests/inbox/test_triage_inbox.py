"""The triage inbox: messages matched to no call, assigned by hand or set aside."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from nidaa.applications.models import Application
from nidaa.calls.models import CallStatus
from nidaa.inbox.intake import ingest_message
from nidaa.inbox.models import MessageState
from tests.conftest import client_for
from tests.factories import CallFactory
from tests.inbox.mail_fixtures import (
    DEADLINE,
    SUBJECT,
    as_bytes,
    build_message,
    complete_attachments,
    pdf_bytes,
)

RECEIVED = DEADLINE - timedelta(hours=2)
BODY = "Bonjour,\n<script>alert('x')</script> ci-joint mon dossier.\nAmina"


def url(name, *args):
    # English pages: the assertions read English text, whatever the catalogues say.
    with translation.override("en"):
        return reverse(f"inbox:{name}", args=args)


@pytest.fixture
def waiting(org, call):
    """A complete application sent with a free-form subject to another address: no call matches."""
    message = build_message(
        subject="Mon dossier",
        to=["direction@example.org"],
        body=BODY,
        attachments=complete_attachments(),
        message_id="<waiting@example.org>",
    )
    result = ingest_message(organization=org, raw=as_bytes(message), received_at=RECEIVED)
    assert result.message.state == MessageState.TRIAGE
    return result.message


@pytest.fixture
def filed(org, call):
    message = build_message(
        subject=SUBJECT, sender=("Karim", "karim@example.org"), message_id="<filed@example.org>"
    )
    result = ingest_message(organization=org, raw=as_bytes(message), received_at=RECEIVED)
    assert result.message.state == MessageState.FILED
    return result.message


@pytest.fixture
def evaluator_client(evaluator):
    return client_for(evaluator)


def subjects(response):
    return [row["message"].subject for row in response.context["rows"]]


# --- the list -------------------------------------------------------------------


def test_admins_and_editors_see_the_messages_waiting(waiting, filed, owner_client, member_client):
    for client in (owner_client, member_client):
        response = client.get(url("triage"))

        assert response.status_code == 200
        assert subjects(response) == ["Mon dossier"]
        row = response.context["rows"][0]
        assert row["attachments"] == [
            ("CV Amina Idrissi.pdf", ""),
            ("Note méthodologique.docx", ""),
            ("Offre financière.pdf", ""),
        ]
        content = response.content.decode()
        assert "Amina Idrissi &lt;amina@example.org&gt;" in content
        # Received at 21:59 Morocco time (UTC+1 in January).
        assert "6 January 2025, 21:59" in content


def test_another_organisation_sees_only_its_own_inbox(waiting, outsider_client):
    response = outsider_client.get(url("triage"))

    assert response.status_code == 200
    assert subjects(response) == []


def test_an_evaluator_has_no_triage_inbox(waiting, evaluator_client):
    assert evaluator_client.get(url("triage")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(waiting, anon_client):
    for target in (
        url("triage"),
        url("triage_message", waiting.pk),
        url("triage_attachment", waiting.pk, 0),
    ):
        response = anon_client.get(target)
        assert response.status_code == 302
        assert response["Location"].startswith("/en/accounts/login/")


def test_set_aside_messages_are_listed_apart(org, waiting, owner_client, owner):
    from nidaa.inbox.triage import discard_message

    discard_message(message=waiting, actor=owner)

    assert subjects(owner_client.get(url("triage"))) == []
    assert subjects(owner_client.get(url("triage") + "?show=set-aside")) == ["Mon dossier"]


# --- one message ----------------------------------------------------------------


def test_the_message_page_shows_headers_escaped_body_and_attachments(waiting, call, member_client):
    response = member_client.get(url("triage_message", waiting.pk))

    assert response.status_code == 200
    content = response.content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; ci-joint mon dossier." in content
    assert "<script>alert" not in content
    assert "&lt;waiting@example.org&gt;" in content
    assert [(item["name"], item["piece"]) for item in response.context["attachments"]] == [
        ("CV Amina Idrissi.pdf", "CV"),
        ("Note méthodologique.docx", "Methodology note"),
        ("Offre financière.pdf", "Financial offer"),
    ]
    assert list(response.context["form"].fields["call"].queryset) == [call]


def test_the_calls_offered_are_the_organisations_published_and_closed_ones(
    org, other_org, waiting, call, owner_client
):
    closed = CallFactory(organization=org, status=CallStatus.CLOSED, deadline=DEADLINE - timedelta(days=30))
    CallFactory(organization=org, status=CallStatus.DRAFT)
    CallFactory(organization=org, status=CallStatus.CANCELLED)
    CallFactory(organization=other_org, status=CallStatus.PUBLISHED)

    response = owner_client.get(url("triage_message", waiting.pk))

    assert list(response.context["form"].fields["call"].queryset) == [call, closed]


@pytest.mark.parametrize("persona", ["outsider", "evaluator"])
def test_others_do_not_find_the_message(request, waiting, persona):
    client = client_for(request.getfixturevalue(persona))

    assert client.get(url("triage_message", waiting.pk)).status_code == 404
    assert client.get(url("triage_attachment", waiting.pk, 0)).status_code == 404


def test_a_filed_message_is_not_on_the_triage_pages(filed, owner_client):
    # It belongs to an application now, sealed until the deadline like the others.
    assert owner_client.get(url("triage_message", filed.pk)).status_code == 404
    assert owner_client.get(url("triage_attachment", filed.pk, 0)).status_code == 404


def test_staff_download_an_attachment_as_a_file(waiting, member_client):
    response = member_client.get(url("triage_attachment", waiting.pk, 0))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("cv")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="CV Amina Idrissi.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_attachment_that_does_not_exist_is_not_found(waiting, member_client):
    assert member_client.get(url("triage_attachment", waiting.pk, 3)).status_code == 404


# --- assigning and setting aside ------------------------------------------------


def test_assigning_files_the_message_as_a_new_application(waiting, call, owner_client):
    response = owner_client.post(url("triage_assign", waiting.pk), {"call": call.pk})

    assert response.status_code == 302
    assert response["Location"] == url("triage")
    waiting.refresh_from_db()
    assert (waiting.state, waiting.call, waiting.matched_by) == (MessageState.FILED, call, "manual")
    application = Application.objects.get(call=call)
    version = application.versions.get()
    assert (application.applicant_email, application.channel, application.version_count) == (
        "amina@example.org",
        "email",
        1,
    )
    assert (version.number, version.submitted_at, version.is_late, version.missing_pieces) == (
        1,
        RECEIVED,
        False,
        [],
    )
    assert waiting.version == version
    assert sorted(version.files.values_list("piece", flat=True)) == [
        "cv",
        "financial_offer",
        "methodology_note",
    ]
    page = owner_client.get(response["Location"])
    assert [str(m) for m in page.context["messages"]] == [
        f"The message was filed to “{call.title}” as version 1 of the application {application.receipt_number}."
    ]


def test_a_message_from_a_sender_who_applied_before_becomes_a_second_version(org, call, owner_client):
    first = build_message(
        subject=SUBJECT, message_id="<first@example.org>", attachments=complete_attachments()
    )
    ingest_message(organization=org, raw=as_bytes(first), received_at=RECEIVED - timedelta(days=1))
    again = build_message(
        subject="Complément", to=["direction@example.org"], message_id="<again@example.org>"
    )
    message = ingest_message(organization=org, raw=as_bytes(again), received_at=RECEIVED).message

    owner_client.post(url("triage_assign", message.pk), {"call": call.pk})

    application = Application.objects.get(call=call)
    assert (application.version_count, list(application.versions.values_list("number", "is_latest"))) == (
        2,
        [(2, True), (1, False)],
    )


def test_a_call_of_another_organisation_is_refused(waiting, other_org, owner_client):
    foreign = CallFactory(organization=other_org, status=CallStatus.PUBLISHED)

    response = owner_client.post(url("triage_assign", waiting.pk), {"call": foreign.pk})

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "call": ["Select a valid choice. That choice is not one of the available choices."]
    }
    waiting.refresh_from_db()
    assert waiting.state == MessageState.TRIAGE
    assert Application.objects.count() == 0


def test_a_draft_call_is_refused(org, waiting, owner_client):
    draft = CallFactory(organization=org, status=CallStatus.DRAFT)

    response = owner_client.post(url("triage_assign", waiting.pk), {"call": draft.pk})

    assert response.status_code == 400
    waiting.refresh_from_db()
    assert waiting.state == MessageState.TRIAGE


@pytest.mark.parametrize("persona", ["outsider", "evaluator"])
def test_others_cannot_assign_or_set_aside(request, waiting, call, persona):
    client = client_for(request.getfixturevalue(persona))

    assert client.post(url("triage_assign", waiting.pk), {"call": call.pk}).status_code == 404
    assert client.post(url("triage_set_aside", waiting.pk)).status_code == 404
    waiting.refresh_from_db()
    assert waiting.state == MessageState.TRIAGE
    assert Application.objects.count() == 0


def test_anonymous_visitors_cannot_assign(waiting, call, anon_client):
    response = anon_client.post(url("triage_assign", waiting.pk), {"call": call.pk})

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == MessageState.TRIAGE


def test_assigning_needs_a_post(waiting, call, owner_client):
    assert owner_client.get(url("triage_assign", waiting.pk)).status_code == 405
    assert owner_client.get(url("triage_set_aside", waiting.pk)).status_code == 405


def test_setting_aside_keeps_the_message_and_it_can_still_be_filed(waiting, call, member_client):
    response = member_client.post(url("triage_set_aside", waiting.pk))

    assert (response.status_code, response["Location"]) == (302, url("triage"))
    waiting.refresh_from_db()
    assert waiting.state == MessageState.DISCARDED
    assert member_client.get(url("triage_message", waiting.pk)).status_code == 200

    member_client.post(url("triage_assign", waiting.pk), {"call": call.pk})

    waiting.refresh_from_db()
    assert waiting.state == MessageState.FILED
    assert Application.objects.filter(call=call).count() == 1


# --- CSRF -----------------------------------------------------------------------


def test_assigning_and_setting_aside_need_the_csrf_token(waiting, call, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    assert client.post(url("triage_assign", waiting.pk), {"call": call.pk}).status_code == 403
    assert client.post(url("triage_set_aside", waiting.pk)).status_code == 403
    waiting.refresh_from_db()
    assert waiting.state == MessageState.TRIAGE

    page = client.get(url("triage_message", waiting.pk))
    token = page.context["csrf_token"]
    response = client.post(
        url("triage_assign", waiting.pk), {"call": call.pk, "csrfmiddlewaretoken": str(token)}
    )

    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == MessageState.FILED


# --- the dashboard --------------------------------------------------------------


def dashboard_of(client):
    with translation.override("en"):
        return client.get(reverse("calls:dashboard")).content.decode()


def test_the_dashboard_counts_the_messages_waiting(waiting, filed, owner_client, member_client):
    owner_page = dashboard_of(owner_client)
    assert "Association Exemple: 1 message waiting" in owner_page
    assert f'href="{url("triage")}"' in owner_page
    assert f'href="{url("mailboxes")}"' in owner_page

    member_page = dashboard_of(member_client)
    assert "Association Exemple: 1 message waiting" in member_page
    # Editors work the inbox; only admins connect mailboxes.
    assert f'href="{url("mailboxes")}"' not in member_page


def test_the_dashboard_says_when_nothing_waits(filed, owner_client):
    page = dashboard_of(owner_client)

    assert "No message is waiting in the triage inbox." in page
    assert "message waiting" not in page


def test_evaluators_have_no_e_mail_box_on_the_dashboard(waiting, evaluator_client):
    page = dashboard_of(evaluator_client)

    assert "Applications by e-mail" not in page
    assert url("triage") not in page


def test_the_inbox_query_count_does_not_grow_with_messages(org, call, waiting, owner_client):
    with CaptureQueriesContext(connection) as one:
        owner_client.get(url("triage"))
    for n in range(3):
        raw = as_bytes(
            build_message(subject=f"Dossier {n}", to=["x@example.org"], message_id=f"<m{n}@example.org>")
        )
        ingest_message(organization=org, raw=raw, received_at=RECEIVED)

    with CaptureQueriesContext(connection) as four:
        response = owner_client.get(url("triage"))

    assert len(response.context["rows"]) == 4
    assert len(four) == len(one)
