"""The issuer's pages and exports cost the same number of queries for 3
applications or 30."""

import pytest
from django.urls import reverse

from tests.applications.issuer_helpers import issuer_call, web_application
from tests.conftest import client_for
from tests.factories import UserFactory

# session, user, the call (scoped), the applications, their latest files
LIST_QUERIES = 5
# session, user, the call, the applications, their latest files
EXPORT_QUERIES = 5
# session, user, the call, the count
SEALED_QUERIES = 4
# session, user, the application with its call and region, versions, files, audit
APPLICATION_QUERIES = 6


def _applications(call, number):
    for n in range(number):
        web_application(call, UserFactory(username=f"applicant{n}", first_name=f"Nom{n}"))


@pytest.mark.parametrize("number", [3, 30])
def test_list_and_exports_queries_do_not_grow_with_the_number_of_applications(
    org, owner, number, django_assert_max_num_queries
):
    call = issuer_call(org, opened=True)
    _applications(call, number)
    client = client_for(owner)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("applications:call_applications", args=[call.pk]))
    assert len(response.context["table"].rows) == number

    for name in ("call_zip", "call_xlsx"):
        with django_assert_max_num_queries(EXPORT_QUERIES):
            response = client.get(reverse(f"applications:{name}", args=[call.pk]))
            b"".join(response.streaming_content)
        assert response.status_code == 200


@pytest.mark.parametrize("number", [3, 30])
def test_sealed_list_queries_do_not_grow(org, owner, number, django_assert_max_num_queries):
    call = issuer_call(org, opened=False)
    _applications(call, number)
    client = client_for(owner)

    with django_assert_max_num_queries(SEALED_QUERIES):
        response = client.get(reverse("applications:call_applications", args=[call.pk]))
    assert response.context["count"] == number


@pytest.mark.parametrize("number", [1, 8])
def test_application_page_queries_do_not_grow_with_its_versions(
    org, owner, number, django_assert_max_num_queries
):
    call = issuer_call(org, opened=True)
    applicant = UserFactory(username="amina")
    for _ in range(number):
        version = web_application(call, applicant)
    client = client_for(owner)

    with django_assert_max_num_queries(APPLICATION_QUERIES):
        response = client.get(reverse("applications:issuer_application", args=[version.application_id]))
    assert len(response.context["versions"]) == number
