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
