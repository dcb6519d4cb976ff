"""The README's demo credentials work at the sign-in page right after make run."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_demo_admin_signs_in_with_the_readme_credentials(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", tors=tmp_path / "no-tors")
    response = client.post("/fr/accounts/login/", {"login": "admin", "password": "nidaa-demo"})
    assert response.status_code == 302
    assert "confirm" not in response["Location"]
    assert client.get("/fr/calls/dashboard/").status_code == 200
