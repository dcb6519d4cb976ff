"""Who reaches which page: owner (admin), member (editor), evaluator, outsider
(admin of another organisation) and an anonymous visitor."""

import pytest

from nidaa.calls.models import CallStatus
from tests.calls.personas import client_as
from tests.factories import CallFactory


@pytest.fixture
def draft(org):
    return CallFactory(organization=org, status=CallStatus.DRAFT, title="Brouillon interne")


@pytest.fixture
def published(org):
    return CallFactory(organization=org, status=CallStatus.PUBLISHED, title="Appel public")


def is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith("/fr/accounts/login/?next=")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("member", 200), ("evaluator", 200), ("outsider", 404), ("anonymous", 404)],
)
def test_drafts_are_seen_only_by_their_organisation(request, draft, persona, expected):
    response = client_as(request, persona).get(f"/fr/calls/{draft.pk}/")
    assert response.status_code == expected


@pytest.mark.parametrize("persona", ["owner", "member", "evaluator", "outsider", "anonymous"])
def test_published_calls_are_seen_by_everyone(request, published, persona):
    response = client_as(request, persona).get(f"/fr/calls/{published.pk}/")
    assert response.status_code == 200
    assert "Appel public" in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "anonymous"])
def test_cancelled_calls_are_hidden_from_the_public(request, org, persona):
    call = CallFactory(organization=org, status=CallStatus.CANCELLED)
    assert client_as(request, persona).get(f"/fr/calls/{call.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("member", 200), ("evaluator", 404), ("outsider", 404), ("anonymous", "login")],
)
def test_only_editors_of_the_organisation_open_the_review_page(request, draft, persona, expected):
    response = client_as(request, persona).get(f"/fr/calls/{draft.pk}/review/")
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 302), ("member", 302), ("evaluator", 404), ("outsider", 404), ("anonymous", "login")],
)
def test_only_editors_of_the_organisation_save_a_call(request, published, persona, expected):
    data = {
        "title": "Titre modifié",
        "call_type": "trainer",
        "timezone": "Africa/Casablanca",
        "save": "",
    }
    response = client_as(request, persona).post(f"/fr/calls/{published.pk}/review/", data)
    published.refresh_from_db()
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert (published.title == "Titre modifié") is (expected == 302)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 302), ("member", 302), ("evaluator", 404), ("outsider", 404), ("anonymous", "login")],
)
def test_only_editors_of_the_organisation_change_the_status(request, published, persona, expected):
    response = client_as(request, persona).post(f"/fr/calls/{published.pk}/status/", {"target": "closed"})
    published.refresh_from_db()
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected
    assert published.status == ("closed" if expected == 302 else "published")


def test_status_change_needs_post(owner_client, published):
    assert owner_client.get(f"/fr/calls/{published.pk}/status/").status_code == 405


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("owner", 200), ("member", 200), ("evaluator", 403), ("outsider", 200), ("anonymous", "login")],
)
def test_import_page_is_for_editors_of_some_organisation(request, org, persona, expected):
    response = client_as(request, persona).get("/fr/calls/import/")
    if expected == "login":
        assert is_login_redirect(response)
    else:
        assert response.status_code == expected


def test_import_form_offers_only_the_users_own_organisations(outsider_client, org, other_org):
    response = outsider_client.get("/fr/calls/import/")
    choices = [value for value, _label in response.context["form"].fields["organization"].choices]
    assert [c.value for c in choices] == [other_org.pk]


@pytest.mark.parametrize(
    ("persona", "titles"),
    [
        ("owner", ["Appel public", "Brouillon interne"]),
        ("member", ["Appel public", "Brouillon interne"]),
        ("evaluator", ["Appel public", "Brouillon interne"]),
        ("outsider", ["Appel de l'autre"]),
    ],
)
def test_dashboard_lists_only_the_users_organisations_calls(
    request, draft, published, other_org, persona, titles
):
    CallFactory(organization=other_org, title="Appel de l'autre")
    response = client_as(request, persona).get("/fr/calls/dashboard/")
    assert response.status_code == 200
    assert sorted(c.title for c in response.context["calls"]) == titles


def test_dashboard_needs_sign_in(anon_client):
    assert is_login_redirect(anon_client.get("/fr/calls/dashboard/"))


def test_import_button_is_shown_to_editors_not_evaluators(request, org):
    assert "Import a ToR" in client_as(request, "member").get("/en/calls/dashboard/").content.decode()
    assert "Import a ToR" not in client_as(request, "evaluator").get("/en/calls/dashboard/").content.decode()


@pytest.mark.parametrize("persona", ["evaluator", "outsider", "anonymous"])
def test_status_buttons_are_shown_only_to_editors(request, published, persona):
    content = client_as(request, persona).get(f"/en/calls/{published.pk}/").content.decode()
    assert "Close the call" not in content


def test_status_buttons_follow_the_workflow(member_client, published):
    content = member_client.get(f"/en/calls/{published.pk}/review/").content.decode()
    assert "Close the call" in content
    assert "Cancel this call (withdraw it)" in content
    assert "Mark as awarded" not in content
