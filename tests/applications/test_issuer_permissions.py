"""Every issuer-side view with every persona, on an opened and on a sealed call:
the exact status code (404 for whoever may not reach the object, as for a
missing one; the login page for anonymous visitors)."""

import pytest
from django.urls import reverse

from tests.applications.issuer_helpers import assigned_evaluator, issuer_call, web_application
from tests.conftest import client_for
from tests.factories import UserFactory

PERSONAS = ["owner", "member", "assessor", "evaluator", "outsider", "applicant", "other_applicant", "anon"]
STAFF = {"owner", "member", "assessor"}
# What each view answers on an opened call, by persona.
OPENED = {
    "call_applications": dict.fromkeys(STAFF, 200),
    "call_zip": dict.fromkeys(STAFF, 200),
    "call_xlsx": dict.fromkeys(STAFF, 200),
    "issuer_application": dict.fromkeys(STAFF, 200),
    "application_zip": dict.fromkeys(STAFF, 200),
    "file": {**dict.fromkeys(STAFF, 200), "applicant": 200},
}
# Sealed: the list shows the count, the archives are refused, the rest is not found.
SEALED = {
    "call_applications": dict.fromkeys(STAFF, 200),
    "call_zip": dict.fromkeys(STAFF, 403),
    "call_xlsx": dict.fromkeys(STAFF, 403),
    "issuer_application": {},
    "application_zip": {},
    "file": {"applicant": 200},
}


def _scenario(org, *, opened: bool):
    call = issuer_call(org, opened=opened)
    users = {
        "assessor": assigned_evaluator(org, call),
        "applicant": UserFactory(username="amina", email="amina@example.org"),
        "other_applicant": UserFactory(username="karim"),
    }
    version = web_application(call, users["applicant"])
    # The other applicant has applied too: it gives them no right on Amina's application.
    web_application(call, users["other_applicant"])
    record = version.files.get(piece="cv")
    args = {
        "call_applications": [call.pk],
        "call_zip": [call.pk],
        "call_xlsx": [call.pk],
        "issuer_application": [version.application_id],
        "application_zip": [version.application_id],
        "file": [record.pk],
    }
    return users, args


def _user(request, persona, users):
    if persona == "anon":
        return None
    if persona in users:
        return users[persona]
    return request.getfixturevalue(persona)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("opened", [True, False], ids=["opened", "sealed"])
def test_each_view_answers_each_persona_exactly(
    request, org, owner, member, evaluator, outsider, persona, opened
):
    users, args = _scenario(org, opened=opened)
    client = client_for(_user(request, persona, users))
    expected = OPENED if opened else SEALED

    answers = {}
    for name, view_args in args.items():
        url = reverse(f"applications:{name}", args=view_args)
        response = client.get(url)
        answers[name] = response.status_code
        if persona == "anon":
            assert response["Location"] == f"{reverse('accounts:login')}?next={url}"

    if persona == "anon":
        assert answers == dict.fromkeys(args, 302)
    else:
        assert answers == {name: expected[name].get(persona, 404) for name in args}


def test_views_only_answer_safe_methods(org, owner):
    users, args = _scenario(org, opened=True)
    client = client_for(owner)
    for name, view_args in args.items():
        assert client.post(reverse(f"applications:{name}", args=view_args)).status_code == 405


def test_missing_objects_are_404_like_forbidden_ones(owner_client, db):
    for name in (
        "call_applications",
        "call_zip",
        "call_xlsx",
        "issuer_application",
        "application_zip",
        "file",
    ):
        assert owner_client.get(reverse(f"applications:{name}", args=[999999])).status_code == 404
