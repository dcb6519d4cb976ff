import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(("lang", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_page_direction_follows_language(client, lang, direction):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}" dir="{direction}">' in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_goes_to_the_same_page_in_arabic(client):
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/fr/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/ar/accounts/login/"


@pytest.mark.django_db
def test_language_switcher_reaches_arabic_whatever_the_browser_language(client):
    page = client.get("/fr/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US")
    # The layout's switch is a plain link to the same page in Arabic.
    assert '<a href="/ar/accounts/login/" lang="ar" hreflang="ar">العربيّة</a>' in page.content.decode()
    linked = client.get("/ar/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert '<html lang="ar" dir="rtl">' in linked.content.decode()
    response = client.post(
        "/i18n/setlang/",
        {"language": "ar", "next": "/accounts/login/"},
        HTTP_ACCEPT_LANGUAGE="en-US",
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/ar/accounts/login/"
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.django_db
def test_language_links_keep_the_page_and_its_query_and_mark_the_current_language(client):
    content = client.get("/fr/calls/", {"q": "formation", "page": "2"}).content.decode()
    assert '<a href="/ar/calls/?q=formation&amp;page=2" lang="ar" hreflang="ar">العربيّة</a>' in content
    assert '<a href="/en/calls/?q=formation&amp;page=2" lang="en" hreflang="en">English</a>' in content
    assert (
        '<a href="/fr/calls/?q=formation&amp;page=2" lang="fr" hreflang="fr" aria-current="true">français</a>'
        in content
    )


@pytest.mark.django_db
def test_a_visitors_page_carries_no_csrf_token(client):
    content = client.get("/fr/").content.decode()
    assert "csrfmiddlewaretoken" not in content
    assert "csrftoken" not in client.cookies
