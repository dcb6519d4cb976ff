"""Issue 4 in a real browser: the public catalogue found, searched and filtered
as an applicant would, in French and Arabic, on a desktop and on a phone.

These tests lean on what stays stable while the pages are rebuilt: the URL
parameters (q, type, region, ...), the visible text, roles and labels, the
language prefix; never CSS classes."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from nidaa.calls.services import import_tor
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.browser.tors import (
    TOR_AGADIR,
    TOR_AGADIR_TITLE,
    TOR_AR,
    TOR_AR_TITLE,
    TOR_FR,
    TOR_FR_TITLE,
    seed_bytes,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED_004_WORD = "plaidoyer"
ARABIC_WORD = "الترابية"  # in TOR_AR's title only


@pytest.fixture
def catalogue(org, member):
    """Published calls: Oujda (L'Oriental, fr), Agadir (Souss-Massa, fr) and an Arabic one (Oujda)."""

    def publish(text: str, name: str):
        return import_tor(organization=org, data=text.encode(), filename=name, actor=member, publish=True)

    return {
        "oujda": publish(TOR_FR, "tdr-oujda.txt"),
        "agadir": publish(TOR_AGADIR, "tdr-agadir.txt"),
        "arabic": publish(TOR_AR, "tdr-ar.txt"),
    }


@pytest.fixture
def seed_004(org, member):
    """The advocacy-trainer call of seed-004, imported through the service and published."""
    return import_tor(
        organization=org, data=seed_bytes("seed-004.txt"), filename="seed-004.txt", actor=member, publish=True
    )


def listed_titles(page) -> list[str]:
    """The titles of the calls listed on the page: links to a call's page."""
    return [
        text.strip()
        for text in page.locator("main a[href]").evaluate_all(
            "links => links.filter(a => /\\/calls\\/\\d+\\/$/.test(new URL(a.href).pathname))"
            ".map(a => a.textContent)"
        )
    ]


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def search(page, words: str) -> None:
    """Type in the catalogue's search box (the field that sends ``q``) and press Enter."""
    box = page.locator("main input[name=q], header input[name=q], input[name=q]").first
    box.fill(words)
    with page.expect_navigation():
        box.press("Enter")


def open_list(page, lang: str = "fr") -> None:
    response = page.goto(f"/{lang}/calls/")
    assert response is not None and response.ok, f"/{lang}/calls/ answered {response and response.status}"


def test_searching_plaidoyer_finds_the_advocacy_call_of_seed_004(page, seed_004, catalogue):
    open_list(page, "fr")
    search(page, SEED_004_WORD)
    assert query_of(page).get("q") == [SEED_004_WORD]
    titles = listed_titles(page)
    assert any(SEED_004_WORD in title.lower() for title in titles), titles
    assert TOR_FR_TITLE not in titles and TOR_AGADIR_TITLE not in titles, titles
    screenshot(page, "search-plaidoyer-fr")


def test_an_arabic_search_finds_the_arabic_call(page, catalogue):
    open_list(page, "ar")
    search(page, ARABIC_WORD)
    assert query_of(page).get("q") == [ARABIC_WORD]
    titles = listed_titles(page)
    assert TOR_AR_TITLE in titles, titles
    assert TOR_FR_TITLE not in titles and TOR_AGADIR_TITLE not in titles, titles
    screenshot(page, "search-arabic-ar")


def test_a_filter_by_region_narrows_the_list(page, catalogue):
    open_list(page, "fr")
    before = listed_titles(page)
    assert TOR_FR_TITLE in before and TOR_AGADIR_TITLE in before, before

    region = page.get_by_label(re.compile(r"^\s*Région\b"))
    if not region.is_visible():  # the filters may sit in a closed disclosure
        page.locator("details").filter(has=region).locator("summary").first.click()
    region.select_option(label="L'Oriental")
    page.wait_for_timeout(300)  # a form that submits itself on change
    if "region=" not in page.url:
        form = page.locator("form").filter(has=region)
        with page.expect_navigation():
            form.locator("button[type=submit], input[type=submit], button:not([type])").first.click()
    assert query_of(page).get("region") == ["MA-02"], page.url
    after = listed_titles(page)
    assert TOR_FR_TITLE in after and TOR_AR_TITLE in after, after  # both in Oujda
    assert TOR_AGADIR_TITLE not in after, after
    screenshot(page, "filter-region-oriental-fr")


# Each language's link in the header's language switch is named in its own language.
LANGUAGE_NAMES = {"ar": "العربيّة", "fr": "français", "en": "English"}


def switch_language(page, language: str) -> None:
    """Follow ``language``'s link in the header's language switch."""
    switch = page.get_by_role("banner").get_by_role(
        "navigation", name=re.compile(r"^\s*(Langue|Language|اللغة)")
    )
    with page.expect_navigation():
        switch.get_by_role("link", name=LANGUAGE_NAMES[language]).click()


def test_switching_to_arabic_flips_the_layout(page, catalogue):
    page.goto("/fr/calls/")
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fr", "ltr")
    children = page.get_by_role("banner").locator(":scope > *")
    first, last = children.first.bounding_box(), children.last.bounding_box()
    assert first["x"] < last["x"], (first, last)  # left to right: the brand on the left

    switch_language(page, "ar")

    assert urlsplit(page.url).path == "/ar/calls/", page.url
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    first, last = children.first.bounding_box(), children.last.bounding_box()
    assert first["x"] > last["x"], (first, last)  # right to left: the brand on the right
    assert first["x"] + first["width"] > page.viewport_size["width"] / 2, first
    assert TOR_AR_TITLE in listed_titles(page)
    screenshot(page, "list-after-switch-ar")


def test_the_language_switcher_works_whatever_the_browser_language(new_context, catalogue):
    page = new_context(locale="en-US").new_page()
    page.goto("/fr/calls/")
    switch_language(page, "ar")
    assert urlsplit(page.url).path == "/ar/calls/", page.url
    assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_screenshots_of_the_list_and_a_call_page(page, mobile_page, catalogue, lang):
    call = catalogue["oujda"] if lang == "fr" else catalogue["arabic"]
    for view, shot in (("desktop", page), ("360", mobile_page)):
        shot.goto(f"/{lang}/calls/")
        assert shot.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        assert call.title in listed_titles(shot)
        screenshot(shot, f"list-{lang}-{view}")
        shot.goto(f"/{lang}/calls/{call.pk}/")
        assert shot.get_by_role("heading", level=1).text_content().strip() == call.title
        screenshot(shot, f"call-{lang}-{view}")


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", ["list", "call"])
def test_pages_fit_a_360_px_phone(mobile_page, catalogue, lang, kind):
    call = catalogue["oujda"] if lang == "fr" else catalogue["arabic"]
    path = f"/{lang}/calls/" if kind == "list" else f"/{lang}/calls/{call.pk}/"
    mobile_page.goto(path)
    width = mobile_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"{path} is {width}px wide on a 360px screen: it scrolls sideways"


def _assert_accessible(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    violations = axe_violations(page)
    assert not violations, f"axe-core on {path}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_list_and_call_page_have_no_serious_accessibility_violation(page, catalogue, lang):
    call = catalogue["oujda"] if lang == "fr" else catalogue["arabic"]
    _assert_accessible(page, f"/{lang}/calls/")
    _assert_accessible(page, f"/{lang}/calls/{call.pk}/")


@pytest.mark.parametrize(("lang", "words"), [("fr", "consultant"), ("ar", ARABIC_WORD)])
def test_search_results_have_no_serious_accessibility_violation(page, catalogue, lang, words):
    _assert_accessible(page, f"/{lang}/calls/?q={words}")
    assert listed_titles(page), "the search found nothing: the page checked is not a results page"
