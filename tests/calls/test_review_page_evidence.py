"""The review page shows the document's text with each field's passage marked,
and never lets the document's own markup through."""

import pytest

from nidaa.calls.evidence import marked_text
from tests.factories import CallFactory

TEXT = "<script>alert('x')</script>\nRecrutement d'un formateur & d'une formatrice\nDate limite : 15 décembre 2026\n"
TITLE = "Recrutement d'un formateur & d'une formatrice"


@pytest.fixture
def call(org):
    start = TEXT.index(TITLE)
    deadline_start = TEXT.index("15 décembre 2026")
    return CallFactory(
        organization=org,
        title=TITLE,
        text=TEXT,
        extraction={
            "evidence": {
                "title": [{"start": start, "end": start + len(TITLE)}],
                "deadline": [{"start": deadline_start, "end": deadline_start + 16}],
            },
            "confidence": {"title": 0.87},
        },
    )


def test_review_page_marks_the_fields_passage(member_client, call):
    content = member_client.get(f"/en/calls/{call.pk}/review/").content.decode()
    assert (
        '<mark id="ev-title-0" data-field="title">Recrutement d&#x27;un formateur &amp; d&#x27;une formatrice</mark>'
        in content
    )
    assert '<mark id="ev-deadline-0" data-field="deadline">15 décembre 2026</mark>' in content
    assert 'data-field="title" data-mark="ev-title-0"' in content
    assert 'href="#ev-title-0"' in content
    assert "87 %" in content


def test_review_page_escapes_html_in_the_document_text(member_client, call):
    content = member_client.get(f"/en/calls/{call.pk}/review/").content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in content
    assert "<script>alert" not in content


def test_review_page_loads_the_highlighting_script_from_static_files(member_client, call):
    content = member_client.get(f"/en/calls/{call.pk}/review/").content.decode()
    assert '<script src="/static/nidaa/calls-review.js" defer></script>' in content


def test_overlapping_spans_become_anchors_and_bad_spans_are_skipped():
    evidence = {
        "title": [{"start": 0, "end": 5}],
        "issuer": [{"start": 3, "end": 8}, {"start": 90, "end": 120}],  # overlapping, out of range
        "bad": "not a list",
        'x"><b': [{"start": 0, "end": 1}],
    }
    assert str(marked_text("Hello world", evidence)) == (
        '<mark id="ev-title-0" data-field="title"><span id="ev-issuer-0" class="ev-alias"></span>Hello</mark> world'
    )


def test_a_passage_shared_by_two_fields_is_marked_once_with_both_anchors():
    evidence = {"call_type": [{"start": 0, "end": 5}], "title": [{"start": 0, "end": 5}]}
    assert str(marked_text("Hello world", evidence, ("title", "call_type"))) == (
        '<mark id="ev-title-0" data-field="title"><span id="ev-call_type-0" class="ev-alias"></span>Hello</mark> world'
    )
