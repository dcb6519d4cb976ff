"""Issue 16: a page saved from a WordPress site's REST API (its HTML escaped inside JSON) is read
as the page it holds, even when the saved response is cut short."""

from __future__ import annotations

import json

from nidaa.tor.api import read_and_extract
from nidaa.tor.readers import read_bytes

CONTENT = (
    "<h3><strong>Terms of Reference</strong></h3>\n<p><strong>Position:</strong> Community Facilitator</p>"
    "<p><strong>Organization:</strong> Atlas Youth Network (AYN)</p>"
    "<p><strong>Location:</strong> Oujda</p><p>The facilitator will run 12 sessions &amp; follow-ups.</p>"
)
PAGE = {
    "id": 7,
    "date": "2026-04-02T10:00:00",
    "slug": "tor",
    "title": {"rendered": "Terms of Reference (ToR)"},
    "content": {"rendered": CONTENT, "protected": False},
}


def test_wordpress_page_is_read_as_its_html():
    document = read_bytes(json.dumps(PAGE).encode(), "page.txt")
    assert document.format == "html"
    assert document.text.split("\n")[:3] == [
        "Terms of Reference (ToR)",
        "Terms of Reference",
        "Position: Community Facilitator",
    ]
    assert "12 sessions & follow-ups" in document.text
    assert "<p>" not in document.text


def test_a_response_cut_short_still_reads():
    cut = json.dumps(PAGE)[: json.dumps(PAGE).index("follow-ups")]
    _, fields = read_and_extract(cut.encode(), "page.json.txt")
    assert fields["title"] == "Community Facilitator"
    assert fields["issuer"] == "Atlas Youth Network (AYN)"
    assert fields["locations"] == ["Oujda"]


def test_other_json_stays_text():
    document = read_bytes(b'{"name": "not a page", "items": [1, 2]}', "data.txt")
    assert document.format == "txt"
    assert document.text == '{"name": "not a page", "items": [1, 2]}'
