"""Issue 2 in a real browser: an editor uploads a ToR, reviews the extracted
call beside the document (each field's source passage highlighted), corrects
it, saves the draft and publishes it; the review page works in Arabic."""

from __future__ import annotations

import re

import pytest

from nidaa.calls.models import Call, CallStatus
from nidaa.calls.services import import_tor
from tests.browser.conftest import screenshot
from tests.browser.tors import AR_PHRASE, TOR_AR, TOR_AR_TITLE, TOR_FR, TOR_FR_TITLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORRECTED_TITLE = "Consultant·e en planification participative pour cinq communes de l'Oriental"


def field(page, label: str):
    """A form field by its visible label (Django adds " :" in French, ":" in Arabic)."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}\s*[:：]?\s*$"))


def passage_of(page, name: str) -> str:
    """The id of the first source passage of the review form's field ``name``."""
    mark_id = page.locator(f".review-field[data-field={name}]").get_attribute("data-mark")
    assert mark_id, f"the {name} field has no source passage"
    return mark_id


def wait_until_active(page, mark_id: str) -> None:
    """The <mark> holding passage ``mark_id`` (its own or a shared one) gets the active class."""
    page.wait_for_function(
        "(id) => { const a = document.getElementById(id); const m = a && a.closest('mark');"
        " return !!m && m.classList.contains('active'); }",
        arg=mark_id,
        timeout=3_000,
    )


def active_marks(page) -> list[str]:
    return page.eval_on_selector_all("#source-text mark.active", "marks => marks.map(m => m.textContent)")


def in_view(page, mark_id: str) -> bool:
    """The passage lies inside the visible part of the document pane and of the window."""
    return page.evaluate(
        """(id) => {
            const pane = document.getElementById('source-text');
            const mark = document.getElementById(id).closest('mark');
            const p = pane.getBoundingClientRect(), m = mark.getBoundingClientRect();
            return m.height > 0 && m.top >= Math.max(p.top, 0) - 1
                && m.bottom <= Math.min(p.bottom, window.innerHeight) + 1;
        }""",
        mark_id,
    )


def test_editor_uploads_corrects_saves_and_publishes_a_tor(page_as, page, member, org):
    editor = page_as(member)
    editor.goto("/fr/calls/import/")
    editor.locator("input[type=file]").set_input_files(
        files=[{"name": "tdr-oujda.txt", "mimeType": "text/plain", "buffer": TOR_FR.encode("utf-8")}]
    )
    editor.get_by_role("button", name="Lire le document").click()

    # The review page: the extracted call on one side, the document on the other.
    editor.wait_for_url(re.compile(r"/fr/calls/\d+/review/$"))
    call = Call.objects.get(organization=org)
    assert call.status == CallStatus.DRAFT
    assert field(editor, "Intitulé").input_value() == TOR_FR_TITLE
    assert field(editor, "Date limite").input_value() == "2026-12-15T23:59"
    assert editor.get_by_role("heading", name="Texte du document").is_visible()
    document = editor.locator("#source-text").text_content()
    assert "Date limite : 15 décembre 2026 à 23h59" in document
    assert "recrutement@horizons-oriental.example.org" in document
    # Each extracted field quotes the passage it was read from.
    assert TOR_FR_TITLE in editor.locator(".review-field[data-field=title]").text_content()

    # Correct the title and save the draft: still a draft, the correction kept.
    field(editor, "Intitulé").fill(CORRECTED_TITLE)
    editor.get_by_role("button", name="Enregistrer le brouillon").click()
    editor.wait_for_load_state()
    assert field(editor, "Intitulé").input_value() == CORRECTED_TITLE
    call.refresh_from_db()
    assert (call.title, call.status) == (CORRECTED_TITLE, CallStatus.DRAFT)

    # Not public yet.
    page.goto("/fr/")
    assert page.get_by_role("link", name=CORRECTED_TITLE).count() == 0

    editor.get_by_role("button", name="Publier", exact=True).click()
    editor.wait_for_load_state()
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED

    # An anonymous visitor finds it on the public list and opens its page.
    page.goto("/fr/")
    page.get_by_role("link", name=CORRECTED_TITLE).click()
    page.wait_for_url(f"**/fr/calls/{call.pk}/")
    assert page.get_by_role("heading", level=1).text_content().strip() == CORRECTED_TITLE
    main = page.locator("main").text_content()
    assert "recrutement@horizons-oriental.example.org" in main
    assert "Oujda" in main
    screenshot(page, "call-page-after-review-fr")


def test_focusing_a_field_highlights_its_source_passage(page_as, member, org):
    call = import_tor(organization=org, data=TOR_FR.encode(), filename="tdr-oujda.txt", actor=member)
    editor = page_as(member)
    editor.goto(f"/fr/calls/{call.pk}/review/")
    assert active_marks(editor) == []

    field(editor, "Date limite").focus()
    wait_until_active(editor, passage_of(editor, "deadline"))
    assert active_marks(editor) == ["Date limite : 15 décembre 2026 à 23h59"]

    field(editor, "Intitulé").focus()
    wait_until_active(editor, passage_of(editor, "title"))
    assert active_marks(editor) == [TOR_FR_TITLE], "only the focused field's passage is active"
    assert in_view(editor, passage_of(editor, "title"))
    screenshot(editor, "review-fr")


def test_focusing_a_field_scrolls_its_passage_into_view(page_as, member, org):
    call = import_tor(organization=org, data=TOR_FR.encode(), filename="tdr-oujda.txt", actor=member)
    editor = page_as(member)
    editor.goto(f"/fr/calls/{call.pk}/review/")
    deadline = passage_of(editor, "deadline")  # the last line of a document longer than the pane
    field(editor, "Date limite").focus()
    wait_until_active(editor, deadline)
    editor.wait_for_timeout(100)
    assert in_view(editor, deadline)


def test_review_page_in_arabic_is_right_to_left_and_keeps_the_text_in_logical_order(page_as, member, org):
    french = import_tor(organization=org, data=TOR_FR.encode(), filename="tdr-oujda.txt", actor=member)
    arabic = import_tor(organization=org, data=TOR_AR.encode(), filename="tdr-ar.txt", actor=member)
    editor = page_as(member)

    # The French call's review page in the Arabic interface.
    editor.goto(f"/ar/calls/{french.pk}/review/")
    assert editor.locator("html").get_attribute("dir") == "rtl"
    assert editor.locator("html").get_attribute("lang") == "ar"
    assert editor.get_by_role("heading", name="نص الوثيقة").is_visible()
    assert field(editor, "العنوان").input_value() == TOR_FR_TITLE
    # The French document keeps its own direction inside the Arabic page.
    assert editor.locator("#source-text").evaluate("el => getComputedStyle(el).direction") == "ltr"
    screenshot(editor, "review-ar-french-document")

    # An Arabic ToR: its text comes back unchanged, in logical order, right to left.
    editor.goto(f"/ar/calls/{arabic.pk}/review/")
    assert editor.locator("html").get_attribute("dir") == "rtl"
    pane = editor.locator("#source-text")
    assert AR_PHRASE in pane.text_content()
    assert TOR_AR_TITLE in pane.text_content()
    assert pane.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert field(editor, "العنوان").input_value() == TOR_AR_TITLE
    screenshot(editor, "review-ar")


def test_arabic_review_page_highlights_the_arabic_passage_and_mirrors_the_layout(page_as, member, org):
    arabic = import_tor(organization=org, data=TOR_AR.encode(), filename="tdr-ar.txt", actor=member)
    editor = page_as(member)
    editor.goto(f"/ar/calls/{arabic.pk}/review/")
    field(editor, "العنوان").focus()
    wait_until_active(editor, passage_of(editor, "title"))
    assert active_marks(editor) == [TOR_AR_TITLE]
    # Right to left: the form (first in the source) sits to the right of the document.
    form_box = editor.locator("form.review-form").bounding_box()
    pane_box = editor.locator("#source-text").bounding_box()
    assert form_box["x"] > pane_box["x"], (form_box, pane_box)
