"""Issue 12: "My applications" was 603 px wide on a 360 px phone (sha256
strings did not wrap) and issuer pages overflowed too. No applicant page may
scroll sideways at 360 px, and no issuer page at 768 px, in French and Arabic."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus
from tests.browser.conftest import screenshot
from tests.factories import (
    ApplicationFactory,
    ApplicationFileFactory,
    ApplicationVersionFactory,
    CallFactory,
    InboundMessageFactory,
    MailboxFactory,
    SavedSearchFactory,
    indexed,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"width": 768, "height": 1024}
LONG_TITLE = (
    "Recrutement d’un consultant·e pour l’accompagnement des communes territoriales de la province "
    "de Midelt — https://example.org/appels/2026/accompagnement-des-communes-territoriales-midelt"
)

# What overflows, for the failure message: the widest elements past the viewport.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.right > width + 1 || r.left < -1; })
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().width));
  return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}"""


@pytest.fixture
def world(org, member, applicant):
    call = CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        published_at=timezone.now(),
        title=LONG_TITLE,
        sealed=False,
        deadline=timezone.now() + timedelta(days=10),
        submission_emails=["recrutement.consultants.midelt@association-exemple-longue.org"],
        required_documents=["cv", "methodology_note", "financial_offer", "timeline"],
        email_subject="Candidature — consultant·e accompagnement des communes de Midelt — Réf. 2026/ACC/017",
        locations=["Boumia", "Itzer", "Zaïda"],
    )
    indexed(call)
    application = ApplicationFactory(call=call, applicant=applicant, applicant_name="Salma Bennani")
    version = ApplicationVersionFactory(application=application)
    ApplicationFileFactory(
        version=version,
        application=application,
        original_name="CV_Salma_Bennani_2026_version_finale_signée.pdf",
    )
    ApplicationFileFactory(
        version=version,
        application=application,
        piece="methodology_note",
        original_name="Note.pdf",
        content=b"%PDF-1.4 other",
    )
    SavedSearchFactory(user=applicant, params={"q": "formation Midelt"})
    MailboxFactory(organization=org)
    InboundMessageFactory(
        organization=org,
        subject="Candidature — consultant·e accompagnement des communes de Midelt — Réf. 2026/ACC/017",
    )
    return {"call": call, "application": application}


def overflows(page, pages: list[tuple[str, str]], prefix: str) -> list[str]:
    """The pages wider than the viewport, with what sticks out (every page is
    measured and photographed, so one failure shows them all)."""
    found = []
    for name, path in pages:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        measured = page.evaluate(OVERFLOW)
        screenshot(page, f"{prefix}-{name}")
        if measured["scroll"] > measured["width"]:
            found.append(f"{path}: {measured}")
    return found


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_applicant_page_scrolls_sideways_on_a_360px_phone(page_as, applicant, world, lang):
    call, application = world["call"], world["application"]
    page = page_as(applicant, mobile=True)
    pages = [
        ("catalogue", f"/{lang}/"),
        ("search", f"/{lang}/?q=Midelt"),
        ("call", f"/{lang}/calls/{call.pk}/"),
        ("apply", f"/{lang}/applications/calls/{call.pk}/apply/"),
        ("mine", f"/{lang}/applications/mine/"),
        ("receipt", f"/{lang}/applications/{application.pk}/receipt/"),
        ("profile", f"/{lang}/accounts/profile/"),
        ("searches", f"/{lang}/accounts/searches/"),
    ]
    found = overflows(page, pages, f"overflow-360-{lang}")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_no_issuer_page_scrolls_sideways_at_768px(new_context, owner, world, lang):
    call, application = world["call"], world["application"]
    context = new_context(user=owner)
    page = context.new_page()
    page.set_viewport_size(TABLET)
    pages = [
        ("dashboard", f"/{lang}/calls/dashboard/"),
        ("call", f"/{lang}/calls/{call.pk}/"),
        ("import", f"/{lang}/calls/import/"),
        ("received", f"/{lang}/applications/calls/{call.pk}/received/"),
        ("application", f"/{lang}/applications/{application.pk}/"),
        ("evaluators", f"/{lang}/evaluation/calls/{call.pk}/evaluators/"),
        ("triage", f"/{lang}/applications/mail/"),
        ("mailboxes", f"/{lang}/applications/mail/mailboxes/"),
    ]
    found = overflows(page, pages, f"overflow-768-{lang}")
    assert found == [], "\n".join(found)
