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
    assert 'name="next" type="hidden" value="/accounts/login/"' in page.content.decode()
    response = client.post(
        "/i18n/setlang/",
        {"language": "ar", "next": "/accounts/login/"},
        HTTP_ACCEPT_LANGUAGE="en-US",
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/ar/accounts/login/"
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
