"""Issue 12 (what remained) in a real browser, in French and Arabic: an
e-mailed application's page shows the e-mail it came from, as text (a hostile
HTML part runs nothing), without scrolling sideways on a tablet; the public
call page lists only the changes that matter to applicants, names its places
once and a duration of 12 days as 12. Screenshots: test-artifacts/screenshots/."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus
from nidaa.calls.services import publish_call, update_call
from nidaa.directory.models import Territory
from nidaa.inbox.intake import ingest_message
from tests.browser.conftest import screenshot
from tests.factories import CallFactory
from tests.inbox.mail_fixtures import DEADLINE, SUBJECT, as_bytes, complete_attachments, intake_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
LONG_LINK = "https://drive.example.org/partage/" + "dossier-de-candidature-" * 8 + "final.pdf"
TEXT = {
    "fr": {
        "summary": "Le courriel tel qu’il a été reçu",
        "changes": "Modifications depuis la publication",
        "changed_deadline": "— modifié : date limite",
        "duration": "Durée (jours)",
        "locations": "Lieux",
        "places": "Midelt",
    },
    "ar": {
        "summary": "الرسالة الإلكترونية كما وصلت",
        "changes": "التعديلات منذ النشر",
        "changed_deadline": ": تعديل آخر أجل",
        "duration": "المدة (بالأيام)",
        "locations": "أماكن التنفيذ",
        "places": "Midelt (ميدلت)",
    },
}


def hostile_message() -> EmailMessage:
    """An application sent as HTML only, with a script, an event handler and a
    javascript: link, and a long unbroken link."""
    message = EmailMessage(policy=policy.default)
    message["From"] = "Youssef Alaoui <youssef@example.net>"
    message["To"] = "recrutement@example.org"
    message["Subject"] = SUBJECT
    message["Date"] = format_datetime(datetime(2025, 1, 6, 9, 30, tzinfo=UTC))
    message["Message-ID"] = "<html-browser@mail.example.org>"
    message.set_content(
        "<p>Bonjour <b>Madame</b>,</p><script>alert('pwned')</script>"
        f"<p>Mon dossier complet : {LONG_LINK}</p>"
        '<p><a href="javascript:alert(1)">cliquez</a><img src="x" onerror="alert(2)"></p>',
        subtype="html",
    )
    for filename, data in complete_attachments():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=filename)
    return message


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_an_emailed_applications_page_shows_the_email_as_text(new_context, owner, org, lang):
    intake_call(org)
    result = ingest_message(
        organization=org, raw=as_bytes(hostile_message()), received_at=DEADLINE - timedelta(hours=3)
    )
    assert result.filed is True
    application = result.message.version.application
    context = new_context(user=owner)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.set_viewport_size(TABLET)

    page.goto(f"/{lang}/applications/{application.pk}/")

    message = page.locator("details.original-message")
    assert message.get_attribute("open") == ""
    assert message.locator("summary").inner_text() == TEXT[lang]["summary"]
    assert message.get_by_text("Youssef Alaoui <youssef@example.net>").is_visible()
    assert message.get_by_text(SUBJECT, exact=True).is_visible()
    body = message.locator("pre.message-body")
    assert body.inner_text() == f"Bonjour Madame,\nMon dossier complet : {LONG_LINK}\ncliquez"
    # Nothing of the HTML became HTML: no bold, no image, no link, no script run.
    assert body.locator("b, img, a, script").count() == 0
    assert dialogs == []
    measured = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert measured[0] <= measured[1]
    screenshot(page, f"first-hour-emailed-application-{lang}")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_public_call_page_tells_applicants_what_changed_and_names_places_once(
    new_context, owner, org, lang
):
    call = CallFactory(
        organization=org,
        status=CallStatus.DRAFT,
        title="Formateur en plaidoyer pour trois communes de Midelt",
        deadline=timezone.now() + timedelta(days=10),
        locations=["Midelt"],
        duration_days=Decimal("12.00"),
        required_documents=["cv"],
    )
    call.territories.add(*Territory.objects.filter(code__in=["MA-MID", "MA-MID-MIDELT"]))
    update_call(call=call, actor=owner, changes={"project": "Karama"})  # before publication
    publish_call(call=call, actor=owner, confirmed=True)
    update_call(call=call, actor=owner, changes={"reference": "AO-7/2026"})  # bookkeeping
    update_call(call=call, actor=owner, changes={"deadline": call.deadline + timedelta(days=5)})
    page = new_context(mobile=True).new_page()

    page.goto(f"/{lang}/calls/{call.pk}/")

    history = page.locator("section.call-history")
    assert history.locator("h2").inner_text() == TEXT[lang]["changes"]
    items = history.locator("li").all_inner_texts()
    assert len(items) == 1
    assert items[0].endswith(TEXT[lang]["changed_deadline"])
    fields = page.locator("dl.call-fields")
    assert (
        fields.locator(f"dt:text-is('{TEXT[lang]['locations']}') + dd").inner_text() == TEXT[lang]["places"]
    )
    assert fields.locator(f"dt:text-is('{TEXT[lang]['duration']}') + dd").inner_text() == "12"
    measured = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert measured[0] <= measured[1]
    screenshot(page, f"first-hour-call-changes-{lang}")
