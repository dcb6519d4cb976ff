"""Issue 16 in a real browser: an editor pastes a portal's page into the import page; the review
page lists the fields the reader was not sure of first and marks them, in French and in Arabic,
without serious accessibility violations."""

from __future__ import annotations

import re

import pytest

from nidaa.calls.models import Call
from tests.browser.conftest import axe_violations, describe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# No organisation is named: the issuer comes from the address's domain, marked to check first.
PAGE = (
    "Portail des associations\nAccueil\nOffres d'emploi\nConnexion\nPublié le 02/11/2026\n\n"
    "Recrutement d'un(e) formateur(trice) en gestion associative\n\n"
    "Lieu : Tiznit\n\n"
    "Les dossiers sont à envoyer à formation@tilila.ma au plus tard le 15 décembre 2026 à 23h59.\n"
)


def test_editor_pastes_a_page_and_checks_the_unsure_fields_first(page_as, member, org):
    editor = page_as(member)
    editor.goto("/fr/calls/import/")
    editor.get_by_label(re.compile(r"^Ou collez le texte de l’appel")).fill(PAGE)
    editor.get_by_role("button", name="Lire le document").click()
    editor.wait_for_url(re.compile(r"/fr/calls/\d+/review/$"))
    call = Call.objects.get(organization=org)
    assert call.title == "Recrutement d'un(e) formateur(trice) en gestion associative"

    summary = editor.locator("#check-first")
    assert summary.is_visible()
    assert "Vérifiez d’abord ces champs" in summary.text_content()
    unsure = summary.locator("a").evaluate_all("links => links.map(a => a.dataset.field)")
    assert "issuer" in unsure  # read from the address's domain only (confidence 0.4)
    assert editor.locator(".review-field.low-confidence[data-field=issuer] .check-mark").is_visible()
    # the summary's link leads to the field
    summary.locator("a[data-field=issuer]").click()
    assert editor.evaluate("() => document.activeElement.id || location.hash") in ("id_issuer", "#id_issuer")
    violations = axe_violations(editor)
    assert violations == [], describe_violations(violations)
    screenshot(editor, "review-check-first-fr")

    editor.goto(f"/ar/calls/{call.pk}/review/")
    assert editor.locator("html").get_attribute("dir") == "rtl"
    assert "تحقق من هذه الحقول أولا" in editor.locator("#check-first").text_content()
    violations = axe_violations(editor)
    assert violations == [], describe_violations(violations)
    screenshot(editor, "review-check-first-ar")
