"""A web page's furniture around the call: menus, sign-in links, cookie notices, share buttons
and footers, told apart from the call's text by jusText (its paragraph classifier and stop
lists for French, English and Arabic, shipped with the package).

Only the page's edges are trimmed: the lines before the first paragraph jusText keeps and after
the last one. And only lines that cannot be the call's: short, without a digit, a colon or an
e-mail address (a job board's "Date limite : 02/01/2026" or "Lieu : Rabat", which jusText calls
boilerplate, stay). Whatever jusText says about the middle of the page is ignored: label/value
lines and short sentences of a ToR look like boilerplate to it.
"""

from __future__ import annotations

import re

import justext

from nidaa.tor.text import arabic_share

_KEEP = re.compile(r"[\d:@]|\w\.\w")  # dates, labels, addresses, domains: never furniture
_MAX_WORDS = 6
_CONSENT = re.compile(r"\bcookies?\b|ملفات تعريف الارتباط", re.IGNORECASE)  # consent banners, however long
_FRENCH = re.compile(r"\b(?:le|la|les|des|du|et|pour|une?|dans|est)\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(?:the|and|of|for|to|is|with|in|will)\b", re.IGNORECASE)


def _stoplist(text: str) -> frozenset[str]:
    if arabic_share(text) >= 0.3:
        language = "Arabic"
    else:
        language = "French" if len(_FRENCH.findall(text)) >= len(_ENGLISH.findall(text)) else "English"
    return frozenset(justext.get_stoplist(language))


def _key(line: str) -> str:
    # jusText glues inline links together ("Accueil" + "Offres" -> "AccueilOffres"): compare without spaces
    return "".join(line.removeprefix("- ").split()).casefold()


# A site's page, not a document saved as HTML: it has a menu, a banner, a footer or many links.
_CHROME = re.compile(
    r"<(?:nav|footer|header|aside|menu)\b|role\s*=\s*[\"']?(?:navigation|banner|contentinfo)", re.I
)
# jusText's defaults are tuned for long articles; a call's page is short: a paragraph of 120
# characters with a quarter of stop words is text.
_SHORT_PAGES = {"length_low": 40, "length_high": 120, "stopwords_low": 0.2, "stopwords_high": 0.25}
_LINK = re.compile(r"<a\s", re.I)
_LINKS_OF_A_SITE = 8


def trim(markup: str, lines: list[str]) -> list[str]:
    """``lines`` (the page read by ``html.html_to_lines``) without the furniture at its edges.
    A document saved as HTML (no menu, banner, footer, few links) is left as it is."""
    if len(lines) < 3 or not (_CHROME.search(markup) or len(_LINK.findall(markup)) >= _LINKS_OF_A_SITE):
        return lines
    try:
        paragraphs = justext.justext(markup, _stoplist("\n".join(lines)), encoding="utf-8", **_SHORT_PAGES)
    except Exception:  # noqa: BLE001 - jusText is an improvement, never a reason to refuse a page
        return lines
    consent = {_key(p.text) for p in paragraphs if _CONSENT.search(p.text)}
    kept = {_key(p.text) for p in paragraphs if not p.is_boilerplate and p.text.strip()} - consent
    if not kept:
        return lines
    furniture = {_key(p.text) for p in paragraphs if p.is_boilerplate} | consent
    keys = [_key(line) for line in lines]
    first = next((i for i, k in enumerate(keys) if k in kept), 0)
    last = max((i for i, k in enumerate(keys) if k in kept), default=len(lines) - 1)

    def furniture_line(index: int) -> bool:
        line = lines[index]
        short = len(line.split()) <= _MAX_WORDS or _CONSENT.search(line)
        return keys[index] in furniture and bool(short) and not _KEEP.search(line)

    return [line for index, line in enumerate(lines) if first <= index <= last or not furniture_line(index)]
