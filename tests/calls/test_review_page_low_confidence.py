"""Issue 16: the review page marks the fields the reader was not sure of, and lists them at the top,
least sure first, so the issuer checks them first."""

from __future__ import annotations

import re

import pytest

from tests.factories import CallFactory

TEXT = "Association Exemple\nChargé de projet\nDate limite : 15 décembre 2026\ncontact@exemple.ma\n"


@pytest.fixture
def call(org):
    return CallFactory(
        organization=org,
        title="Chargé de projet",
        issuer="Exemple",
        text=TEXT,
        extraction={"confidence": {"title": 0.55, "issuer": 0.4, "deadline": 0.9}},
    )


def _summary(content: str) -> list[str]:
    block = re.search(
        r'<div class="check-first card" id="check-first" role="note">(.*?)</div>', content, re.S
    )
    assert block is not None
    return re.findall(r'<a href="#id_(\w+)" data-field="\w+">', block.group(1))


def test_member_sees_low_confidence_fields_marked_and_listed_least_sure_first(member_client, call):
    content = member_client.get(f"/en/calls/{call.pk}/review/").content.decode()
    assert _summary(content) == ["issuer", "title"]
    assert "Check these fields first: the reader was not sure of them." in content
    assert '<div class="review-field low-confidence" data-field="title">' in content
    assert '<div class="review-field low-confidence" data-field="issuer">' in content
    assert '<div class="review-field" data-field="deadline">' in content
    assert content.count('<span class="badge check-mark">Check first</span>') == 2


def test_owner_sees_the_marks_in_french_and_arabic(owner_client, call):
    french = owner_client.get(f"/fr/calls/{call.pk}/review/").content.decode()
    assert "Vérifiez d’abord ces champs : le lecteur n’en était pas sûr." in french
    assert french.count('<span class="badge check-mark">À vérifier d’abord</span>') == 2
    arabic = owner_client.get(f"/ar/calls/{call.pk}/review/").content.decode()
    assert "تحقق من هذه الحقول أولا: لم يكن القارئ متأكدا منها." in arabic
    assert arabic.count('<span class="badge check-mark">تحقق منه أولا</span>') == 2
    assert _summary(arabic) == ["issuer", "title"]


def test_no_summary_when_the_reader_was_sure_of_everything(member_client, org):
    sure = CallFactory(organization=org, text=TEXT, extraction={"confidence": {"title": 0.9, "issuer": 0.85}})
    content = member_client.get(f"/en/calls/{sure.pk}/review/").content.decode()
    assert 'id="check-first"' not in content
    assert "low-confidence" not in content


def test_outsider_does_not_see_the_review(outsider_client, call):
    assert outsider_client.get(f"/en/calls/{call.pk}/review/").status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(anon_client, call):
    response = anon_client.get(f"/en/calls/{call.pk}/review/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
