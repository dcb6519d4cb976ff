"""An e-mailed application's page shows the e-mail it came from: sender,
subject, dates and its text (the HTML part reduced to text, never rendered),
to those who may open the application and nobody else."""

import re
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from django.urls import reverse

from nidaa.inbox.intake import ingest_message
from tests.applications.conftest import pdf_upload
from tests.applications.issuer_helpers import assigned_evaluator, web_application
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.inbox.mail_fixtures import (
    DEADLINE,
    SUBJECT,
    as_bytes,
    build_message,
    complete_attachments,
    intake_call,
)

HOSTILE_HTML = (
    '<html><body><p>Bonjour <b>Madame</b>,</p><script>alert("pwned")</script>'
    '<p>Voir <a href="javascript:alert(1)">mon dossier</a>.</p>'
    '<img src="x" onerror="alert(2)"></body></html>'
)


@pytest.fixture
def call(org):
    return intake_call(org)


def _ingest(org, message, received_at=DEADLINE - timedelta(hours=2)):
    result = ingest_message(organization=org, raw=as_bytes(message), received_at=received_at)
    assert result.filed is True
    return result.message.version.application


def _page(user, application, language="fr"):
    return client_for(user).get(
        f"/{language}" + reverse("applications:issuer_application", args=[application.pk])[3:]
    )


def _pre(response) -> list[str]:
    return re.findall(r'<pre class="message-body" dir="auto">(.*?)</pre>', response.content.decode(), re.S)


def html_only(body_html: str, message_id: str = "<html-1@mail.example.org>") -> EmailMessage:
    message = EmailMessage(policy=policy.default)
    message["From"] = "Youssef Alaoui <youssef@example.net>"
    message["To"] = "recrutement@example.org"
    message["Subject"] = SUBJECT
    message["Date"] = format_datetime(datetime(2025, 1, 6, 9, 30, 15, tzinfo=UTC))
    message["Message-ID"] = message_id
    message.set_content(body_html, subtype="html")
    for filename, data in complete_attachments():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=filename)
    return message


def test_page_shows_the_sender_subject_dates_and_text_of_the_email(org, owner, call):
    application = _ingest(org, build_message(subject=SUBJECT, attachments=complete_attachments()))

    response = _page(owner, application)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Le courriel tel qu’il a été reçu" in page
    assert '<dd dir="auto">Amina Idrissi &lt;amina@example.org&gt;</dd>' in page
    assert f'<dd dir="auto">{SUBJECT}</dd>' in page
    # Date header 2025-01-06 10:00 UTC is 11:00 in Casablanca; received two hours before the deadline.
    assert (
        "<dt>Date indiquée par l’expéditeur</dt>"
        '<dd><time datetime="2025-01-06T11:00:00+01:00">6 janvier 2025, 11:00:00</time></dd>'
    ) in page
    assert (
        "<dt>Reçu dans la boîte</dt>"
        '<dd><time datetime="2025-01-06T21:59:00+01:00">6 janvier 2025, 21:59:00</time></dd>'
    ) in page
    assert _pre(response) == ["Bonjour,\nVeuillez trouver ci-joint mon dossier de candidature.\nCordialement"]


def test_an_html_only_email_is_shown_as_text_never_as_html(org, owner, call):
    application = _ingest(org, html_only(HOSTILE_HTML))

    response = _page(owner, application)

    assert _pre(response) == ["Bonjour Madame,\nVoir mon dossier."]
    page = response.content.decode()
    assert "pwned" not in page
    assert "javascript:alert" not in page
    assert "onerror" not in page


def test_the_text_part_is_preferred_to_the_html_part(org, owner, call):
    message = build_message(
        subject=SUBJECT, attachments=complete_attachments(), body="Texte brut, seul montré."
    )
    message.get_body(preferencelist=("plain",)).add_alternative("<p>Version <i>HTML</i></p>", subtype="html")

    response = _page(owner, _ingest(org, message))

    assert _pre(response) == ["Texte brut, seul montré."]
    assert "HTML</i>" not in response.content.decode()
    assert "Version HTML" not in response.content.decode()


def test_each_emailed_version_shows_its_own_message_the_latest_open(org, owner, call):
    _ingest(
        org, build_message(subject=SUBJECT, attachments=complete_attachments("1"), body="Première version.")
    )
    application = _ingest(
        org,
        build_message(
            subject=SUBJECT,
            attachments=complete_attachments("2"),
            body="Seconde version, corrigée.",
            message_id="<cand-2@mail.example.org>",
        ),
        received_at=DEADLINE - timedelta(hours=1),
    )

    response = _page(owner, application)

    assert _pre(response) == ["Seconde version, corrigée.", "Première version."]
    assert response.content.decode().count('<details class="original-message" open>') == 1


def test_web_versions_have_no_message(org, owner, call):
    files = {piece: pdf_upload(f"{piece}.pdf") for piece in ("cv", "methodology_note", "financial_offer")}
    version = web_application(
        call, UserFactory(username="amina"), files=files, at=DEADLINE - timedelta(days=1)
    )
    response = _page(owner, version.application)
    assert response.status_code == 200
    assert "original-message" not in response.content.decode()


def test_the_message_is_shown_under_the_applications_access_rules(
    org, owner, member, evaluator, outsider, call
):
    application = _ingest(org, build_message(subject=SUBJECT, attachments=complete_attachments()))
    expected = ["Bonjour,\nVeuillez trouver ci-joint mon dossier de candidature.\nCordialement"]

    assert _pre(_page(owner, application)) == expected
    assert _pre(_page(member, application)) == expected
    assert _page(evaluator, application).status_code == 404  # not assigned to the call
    assert _pre(_page(assigned_evaluator(org, call), application)) == expected
    assert _page(outsider, application).status_code == 404
    anonymous = _page(None, application)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/fr/accounts/login/")


def test_the_message_stays_sealed_with_its_application(org, owner, call):
    call.deadline = datetime.now(UTC) + timedelta(days=2)
    call.save(update_fields=["deadline"])
    application = _ingest(
        org, build_message(subject=SUBJECT, attachments=complete_attachments()), received_at=None
    )

    assert _page(owner, application).status_code == 404


def test_arabic_page_labels_the_message_in_arabic(org, owner, call):
    application = _ingest(org, build_message(subject=SUBJECT, attachments=complete_attachments()))

    page = _page(owner, application, "ar").content.decode()

    assert "الرسالة الإلكترونية كما وصلت" in page
    assert '<time datetime="2025-01-06T11:00:00+01:00">6 يناير 2025، 11:00:00</time>' in page


def test_a_message_over_the_size_read_is_said_so_and_not_loaded(org, owner, call, monkeypatch):
    from nidaa.inbox import selectors

    application = _ingest(org, build_message(subject=SUBJECT, attachments=complete_attachments()))
    monkeypatch.setattr(selectors, "MAX_MESSAGE_BYTES", 1000)

    response = _page(owner, application, "en")

    assert _pre(response) == []
    assert (
        "This message is larger than any message is read (64 MB): it is kept whole, but its sender, "
        "text and attachments are not shown."
    ) in response.content.decode()
    assert "Amina Idrissi &lt;amina@example.org&gt;" in response.content.decode()  # from its stored row
