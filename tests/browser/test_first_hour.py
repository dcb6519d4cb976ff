"""Issue 12 (part B) in a real browser, in French and Arabic: publishing a
call past its deadline asks for confirmation; cancelling asks for a reason
shown to the public; an Arabic word and a province find French calls; one
rejected file keeps the others; the feeds are linked. Each test would fail on
the behaviour the issue describes. Screenshots: test-artifacts/screenshots/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from nidaa.applications.models import ApplicationFile
from nidaa.calls.models import Call, CallStatus
from nidaa.calls.search import refresh_search_document
from nidaa.directory.models import Territory
from tests.browser.conftest import screenshot
from tests.factories import CallFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGS = ["fr", "ar"]
TEXT = {
    "fr": {
        "publish": "Publier",
        "cancel": "Annuler cet appel (le retirer)",
        "cancel_for_good": "Annuler définitivement cet appel",
        "reason_label": "Motif de l’annulation (affiché sur la page publique de l’appel)",
        "confirm_cancel": "Je confirme l’annulation de cet appel",
        "confirm_publish": "J’ai lu ces avertissements et je veux publier l’appel tel quel",
        "cancelled": "Cet appel a été annulé : les candidatures ne sont plus acceptées.",
        "submit": "Déposer la candidature",
        "atom": "Flux Atom",
    },
    "ar": {
        "publish": "نشر",
        "cancel": "إلغاء هذا الطلب (سحبه)",
        "cancel_for_good": "إلغاء هذا الطلب نهائيًا",
        "reason_label": "سبب الإلغاء (يُعرض في الصفحة العمومية للطلب)",
        "confirm_cancel": "أؤكد إلغاء هذا الطلب",
        "confirm_publish": "قرأت هذه التنبيهات وأريد نشر الطلب كما هو",
        "cancelled": "أُلغي هذا الطلب: لم تعد الترشيحات مقبولة.",
        "submit": None,
        "atom": "موجز Atom",
    },
}


def status_of(call: Call) -> str:
    call.refresh_from_db()
    return call.status


@pytest.mark.parametrize("lang", LANGS)
def test_publishing_a_call_past_its_deadline_needs_the_confirmation(page_as, member, org, lang):
    call = CallFactory(
        organization=org,
        deadline=timezone.now() - timedelta(days=2),
        submission_emails=["recrutement@example.org"],
        required_documents=["cv"],
    )
    page = page_as(member)
    page.goto(f"/{lang}/calls/{call.pk}/review/")
    warning = page.locator("#publish-warnings [data-warning='deadline_passed']")
    assert warning.is_visible()
    screenshot(page, f"first-hour-publish-warning-{lang}")

    page.get_by_role("button", name=TEXT[lang]["publish"], exact=True).click()
    page.wait_for_load_state()
    assert status_of(call) == CallStatus.DRAFT
    assert page.locator("#publish-warnings [data-warning='deadline_passed']").is_visible()

    page.get_by_label(TEXT[lang]["confirm_publish"]).check()
    page.get_by_role("button", name=TEXT[lang]["publish"], exact=True).click()
    page.wait_for_load_state()
    assert status_of(call) == CallStatus.PUBLISHED


@pytest.mark.parametrize("lang", LANGS)
def test_cancelling_a_published_call_asks_a_reason_shown_on_its_public_page(
    page_as, new_context, member, org, lang
):
    call = CallFactory(
        organization=org, status=CallStatus.PUBLISHED, published_at=timezone.now(), title="Appel à annuler"
    )
    page = page_as(member)
    page.goto(f"/{lang}/calls/{call.pk}/")
    page.get_by_text(TEXT[lang]["cancel"], exact=True).click()
    # The browser itself refuses the form without a reason and the confirmation.
    page.get_by_role("button", name=TEXT[lang]["cancel_for_good"]).click()
    assert status_of(call) == CallStatus.PUBLISHED
    page.get_by_label(TEXT[lang]["reason_label"]).fill("Le financement a été suspendu.")
    page.get_by_label(TEXT[lang]["confirm_cancel"]).check()
    screenshot(page, f"first-hour-cancel-form-{lang}")
    page.get_by_role("button", name=TEXT[lang]["cancel_for_good"]).click()
    page.wait_for_load_state()
    assert status_of(call) == CallStatus.CANCELLED

    visitor = new_context().new_page()
    visitor.goto(f"/{lang}/calls/{call.pk}/")
    assert visitor.get_by_text(TEXT[lang]["cancelled"]).is_visible()
    assert visitor.get_by_text("Le financement a été suspendu.").is_visible()
    screenshot(visitor, f"first-hour-cancelled-public-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_an_arabic_word_and_a_province_find_french_calls(page, org, lang):
    midelt = Territory.objects.get(code="MA-MID")
    commune = Territory.objects.create(
        code="MA-MID-boumia-b", kind="commune", name_fr="Boumia", name_ar="بومية", parent=midelt
    )
    training = CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Formation des élus locaux")
    karama = CallFactory(
        organization=org, status=CallStatus.PUBLISHED, title="Programme Karama", locations=["Boumia"]
    )
    karama.territories.set([commune])
    other = CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Audit comptable")
    for call in (training, karama, other):
        refresh_search_document(call)

    page.goto(f"/{lang}/?q=التكوين")
    assert page.get_by_role("link", name="Formation des élus locaux").is_visible()
    assert page.get_by_role("link", name="Audit comptable").count() == 0
    screenshot(page, f"first-hour-search-arabic-word-{lang}")
    page.goto(f"/{lang}/?q=ميدلت")
    assert page.get_by_role("link", name="Programme Karama").is_visible()
    assert page.get_by_role("link", name="Formation des élus locaux").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_one_rejected_file_keeps_the_other_on_a_phone(page_as, applicant, open_call, tmp_path: Path, lang):
    good = tmp_path / "CV Amina.pdf"
    good.write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    bad = tmp_path / "lettre.exe"
    bad.write_bytes(b"MZ\x90\x00 not a document")
    page = page_as(applicant, mobile=True)
    page.goto(f"/{lang}/applications/calls/{open_call.pk}/apply/")
    page.locator("input[type=file][name=cv]").set_input_files(str(good))
    page.locator("input[type=file][name=cover_letter]").set_input_files(str(bad))
    page.locator("button[name=action][value=submit]").click()
    page.wait_for_load_state()

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "error-summary"
    box = summary.bounding_box()
    assert box is not None and -1 <= box["y"] < 740  # in view: scrolled to, not left below
    assert page.locator("[data-kept=cv]").is_visible()
    assert "CV Amina.pdf" in page.locator("[data-kept=cv]").inner_text()
    assert list(ApplicationFile.objects.filter(version=None).values_list("piece", flat=True)) == ["cv"]
    screenshot(page, f"first-hour-kept-files-{lang}")


@pytest.mark.parametrize("lang", LANGS)
def test_the_catalogue_links_its_feeds_and_the_atom_feed_names_itself(page, org, lang):
    CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Formation des élus")
    page.goto(f"/{lang}/?q=formation")
    alternate = page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute("href")
    assert alternate == f"/calls.atom?q=formation&lang={lang}"
    link = page.get_by_role("link", name=TEXT[lang]["atom"])
    assert link.get_attribute("href") == alternate
    response = page.request.get(alternate)
    assert response.status == 200
    assert f'calls.atom?q=formation&amp;lang={lang}" rel="self"/>' in response.text()
