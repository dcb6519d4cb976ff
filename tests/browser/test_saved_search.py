"""Issue 4's proof "a saved search sends its digest", in a real browser: a
signed-in applicant searches a word in one region, saves the search from the
list page, a new matching call is published, the daily digest runs (the
function behind ``nidaa manage send_digests``) and the e-mail that reached a
local SMTP server (aiosmtpd) lists the new call and not the others."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from nidaa.alerts import digests as alerts
from nidaa.alerts.models import SavedSearch
from nidaa.calls.services import import_tor
from tests.accounts import conftest as accounts_conftest
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.browser.tors import TOR_AGADIR, TOR_AGADIR_TITLE, TOR_FR, TOR_FR_TITLE
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The aiosmtpd server on a free port of 127.0.0.1 with Django's SMTP backend
# pointed at it, as in the alert tests.
smtp_inbox = accounts_conftest.smtp_inbox

WORD = "formateur"  # in the new calls' titles, not in TOR_FR's

# Published after the search was saved, in Oujda (L'Oriental): matches.
TOR_NEW_MATCH = """Association Horizons de l'Oriental
Termes de référence
Recrutement d'un formateur en plaidoyer pour les associations de jeunes de l'Oriental

1. Contexte
L'Association Horizons de l'Oriental renforce les capacités des associations de jeunes.

2. Lieu de la mission
La formation se déroulera à Oujda.

3. Durée
5 jours de formation.

4. Dossier de candidature
- CV détaillé
- Offre technique et financière

5. Soumission
Les candidatures sont à envoyer à formation@horizons-oriental.example.org
Date limite : 15 mars 2027 à 23h59
"""
TOR_NEW_MATCH_TITLE = "Recrutement d'un formateur en plaidoyer pour les associations de jeunes de l'Oriental"

# Published before the search was saved, in Oujda: matches, but is not new.
TOR_OLD_MATCH = TOR_NEW_MATCH.replace(
    "Recrutement d'un formateur en plaidoyer pour les associations de jeunes de l'Oriental",
    "Recrutement d'un formateur en gestion associative à Oujda",
)
TOR_OLD_MATCH_TITLE = "Recrutement d'un formateur en gestion associative à Oujda"

# Published after the search was saved, with the word but in Souss-Massa: does not match.
TOR_NEW_ELSEWHERE = TOR_AGADIR.replace(
    "Recrutement d'un formateur en gestion financière des coopératives féminines",
    "Recrutement d'un formateur en commercialisation des produits du terroir",
).replace("30 novembre 2026", "20 mars 2027")
TOR_NEW_ELSEWHERE_TITLE = "Recrutement d'un formateur en commercialisation des produits du terroir"


def publish(org, member, text: str, name: str):
    """Through the import service, as an editor would, published at once."""
    return import_tor(organization=org, data=text.encode(), filename=name, actor=member, publish=True)


def choose_region(page, label: str) -> None:
    region = page.get_by_label(re.compile(r"^\s*Région\b"))
    if not region.is_visible():  # the filters sit in a closed disclosure
        page.locator("details").filter(has=region).locator("summary").first.click()
    region.select_option(label=label)
    page.wait_for_timeout(300)  # a form that submits itself on change
    if not parse_qs(urlsplit(page.url).query).get("region"):
        form = page.locator("form").filter(has=region)
        with page.expect_navigation():
            form.locator("button[type=submit], input[type=submit], button:not([type])").first.click()


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def test_a_saved_search_sends_its_digest(page_as, org, member, smtp_inbox):
    # Already published before the search is saved: never in its digest.
    before_in_oriental = publish(org, member, TOR_FR, "tdr-oujda.txt")
    before_with_word = publish(org, member, TOR_AGADIR, "tdr-agadir.txt")
    before_match = publish(org, member, TOR_OLD_MATCH, "tdr-gestion-oujda.txt")
    applicant = UserFactory(username="amina", email="amina@example.org", preferred_language="fr")
    page = page_as(applicant)

    response = page.goto("/fr/calls/")
    assert response is not None and response.ok
    box = page.locator("main input[name=q]").first
    box.fill(WORD)
    with page.expect_navigation():
        box.press("Enter")
    choose_region(page, "L'Oriental")
    assert "q=formateur" in page.url and "region=MA-02" in page.url, page.url
    listed = page.locator("main a[href*='/calls/']").all_inner_texts()
    assert TOR_OLD_MATCH_TITLE in listed and TOR_AGADIR_TITLE not in listed, listed

    with translation.override("fr"):
        save_url = reverse("alerts:save_search")
    form = page.locator(f"form[action='{save_url}']")
    assert form.locator("input[name=query]").input_value() == "q=formateur&region=MA-02"
    assert form.get_by_role("textbox").input_value() == WORD  # the name, prefilled from the words
    reminder = form.get_by_role("checkbox")
    assert reminder.is_checked()
    form.scroll_into_view_if_needed()
    screenshot(page, "save-search-form-fr")
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)

    with page.expect_navigation():
        form.get_by_role("button").click()  # "Save this search"

    assert page.url.endswith("/fr/accounts/searches/"), page.url
    assert page.get_by_text(re.compile(r"La recherche a été enregistrée|The search was saved")).is_visible()
    assert page.locator("main table").get_by_role("link", name=WORD).is_visible()
    search = SavedSearch.objects.get(user=applicant)
    assert search.params == {"q": WORD, "region": "MA-02"}
    assert search.remind_deadlines is True

    new_match = publish(org, member, TOR_NEW_MATCH, "tdr-plaidoyer-oujda.txt")
    new_elsewhere = publish(org, member, TOR_NEW_ELSEWHERE, "tdr-terroir-agadir.txt")
    assert new_match.title == TOR_NEW_MATCH_TITLE
    assert new_elsewhere.title == TOR_NEW_ELSEWHERE_TITLE
    assert before_in_oriental.title == TOR_FR_TITLE and before_with_word.title == TOR_AGADIR_TITLE
    assert before_match.title == TOR_OLD_MATCH_TITLE

    assert alerts.send_digests() == 1  # what `nidaa manage send_digests` runs

    [envelope] = smtp_inbox.envelopes
    assert envelope.rcpt_tos == ["amina@example.org"]
    [message] = smtp_inbox.messages
    assert message["To"] == "amina@example.org"
    assert WORD in message["Subject"]
    for body in (text_of(message), unescape(html_of(message))):
        assert TOR_NEW_MATCH_TITLE in body
        for other in (TOR_NEW_ELSEWHERE_TITLE, TOR_OLD_MATCH_TITLE, TOR_FR_TITLE, TOR_AGADIR_TITLE):
            assert other not in body, other
    assert f"/fr/calls/{new_match.pk}/" in text_of(message)

    # The next run has nothing new to say.
    smtp_inbox.clear()
    assert alerts.send_digests() == 0
    assert smtp_inbox.envelopes == []
