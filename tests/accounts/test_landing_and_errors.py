"""Where people land after signing in, the menu they see, and the 403/404/500
pages in the site's layout and language."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.views.defaults import server_error

from nidaa.accounts.services import hash_token, invite_member, mark_email_verified
from tests.conftest import PASSWORD
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

LOGIN = "/fr/accounts/login/"


def sign_in(client, user):
    mark_email_verified(user=user)
    return client.post(LOGIN, {"login": user.username, "password": PASSWORD})


def test_a_member_lands_on_the_organisation_dashboard(client, owner):
    assert sign_in(client, owner)["Location"] == "/fr/calls/dashboard/"


def test_an_applicant_without_applications_lands_on_the_catalogue(client, applicant):
    assert sign_in(client, applicant)["Location"] == "/fr/"


def test_an_applicant_with_applications_lands_on_them(client, applicant, open_call):
    ApplicationFactory(call=open_call, applicant=applicant)
    assert sign_in(client, applicant)["Location"] == "/fr/applications/mine/"


def test_a_next_address_still_wins(client, applicant):
    mark_email_verified(user=applicant)
    response = client.post(f"{LOGIN}?next=/fr/accounts/profile/", {"login": "amina", "password": PASSWORD})
    assert response["Location"] == "/fr/accounts/profile/"


def test_an_applicant_sees_the_applicant_menu(applicant_client):
    body = applicant_client.get("/fr/").content.decode()
    assert "Mon organisation" not in body
    assert 'href="/fr/calls/dashboard/"' not in body
    assert 'href="/fr/applications/mine/"' in body


def test_a_member_sees_the_organisation_menu_even_after_an_applicant_filled_the_cache(
    applicant_client, owner_client
):
    # The menu's fragment cache varies on membership: the applicant's copy is not served to members.
    applicant_client.get("/fr/")
    body = owner_client.get("/fr/").content.decode()
    assert 'href="/fr/calls/dashboard/">Mon organisation</a>' in body
    assert 'href="/fr/accounts/organizations/">Membres</a>' in body
    assert "Mon organisation" not in applicant_client.get("/fr/").content.decode()


@pytest.mark.parametrize(
    ("lang", "title", "direction"), [("fr", "Accès refusé", "ltr"), ("ar", "الدخول مرفوض", "rtl")]
)
def test_forbidden_page_is_styled_and_translated(applicant_client, lang, title, direction):
    response = applicant_client.get(f"/{lang}/calls/import/")
    assert response.status_code == 403
    body = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in body
    assert f"<h1>{title}</h1>" in body
    assert 'class="site"' in body


@pytest.mark.parametrize(
    ("lang", "title", "direction"), [("fr", "Page introuvable", "ltr"), ("ar", "الصفحة غير موجودة", "rtl")]
)
def test_not_found_page_is_styled_and_translated(client, lang, title, direction):
    response = client.get(f"/{lang}/calls/987654/")
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in body
    assert f"<h1>{title}</h1>" in body
    assert 'href="/' + lang + '/">' in body


@pytest.mark.parametrize(
    ("lang", "title", "direction"),
    [("fr", "Un problème est survenu de notre côté", "ltr"), ("ar", "حدث خطأ من جهتنا", "rtl")],
)
def test_server_error_page_is_styled_translated_and_needs_no_database(
    lang, title, direction, django_assert_num_queries
):
    request = RequestFactory().get(f"/{lang}/")
    with translation.override(lang), django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in body
    assert f"<h1>{title}</h1>" in body
    assert 'class="site"' in body


def test_the_menu_asks_no_membership_query_once_signed_in(owner_client):
    owner_client.get("/fr/accounts/profile/")
    with CaptureQueriesContext(connection) as queries:
        body = owner_client.get("/fr/accounts/profile/").content.decode()
    assert 'href="/fr/calls/dashboard/">Mon organisation</a>' in body
    assert [q["sql"] for q in queries if "accounts_membership" in q["sql"]] == []


def test_accepting_an_invitation_turns_the_menu_into_the_members(applicant_client, owner, org):
    assert "Mon organisation" not in applicant_client.get("/fr/").content.decode()
    invitation = invite_member(
        organization=org, email="amina@example.org", role="editor", inviter=owner, language="fr"
    )
    invitation.token_hash = hash_token("known-token")
    invitation.save(update_fields=["token_hash"])
    applicant_client.post("/fr/accounts/invitations/known-token/")
    assert "Mon organisation" in applicant_client.get("/fr/").content.decode()


@pytest.mark.parametrize(
    ("lang", "title", "direction"),
    [("fr", "Le formulaire n’a pas pu être envoyé", "ltr"), ("ar", "تعذّر إرسال الاستمارة", "rtl")],
)
def test_a_refused_form_token_gets_the_styled_page(applicant, lang, title, direction):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    response = client.post(f"/{lang}/accounts/profile/", {"bio": "x"})
    assert response.status_code == 403
    body = response.content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in body
    assert f"<h1>{title}</h1>" in body
