"""API messages follow the client's Accept-Language, French by default."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "detail"),
    [
        ("", "Aucun appel public ne porte cet identifiant."),
        ("en", "No public call with this id."),
        ("ar", "لا يوجد طلب عمومي بهذا المعرّف."),
    ],
)
def test_api_error_speaks_the_clients_language(client, accept, detail):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/api/calls/999999", **headers)
    assert response.status_code == 404
    assert response.json() == {"detail": detail}
