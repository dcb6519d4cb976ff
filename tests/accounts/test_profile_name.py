"""The applicant's real name is edited in the profile (asked at sign-up too),
never filled in from the username."""

import pytest

from nidaa.accounts.models import User

pytestmark = pytest.mark.django_db

PROFILE = "/fr/accounts/profile/"


def test_the_profile_shows_the_name_fields_empty_not_the_username(applicant_client):
    form = applicant_client.get(PROFILE).context["form"]
    assert (form["first_name"].value(), form["last_name"].value()) == ("", "")


def test_the_applicant_saves_their_real_name(applicant, applicant_client):
    response = applicant_client.post(
        PROFILE, {"first_name": " Amina ", "last_name": "El  Alaoui", "skills": "", "bio": ""}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=applicant.pk).get_full_name() == "Amina El Alaoui"
    form = applicant_client.get(PROFILE).context["form"]
    assert (form["first_name"].value(), form["last_name"].value()) == ("Amina", "El Alaoui")
