"""The call page's "Start a mission" link: for the call's editors only, one per
retained application without a mission (to the creation page, prefilled), or
one to name the retained applicant by hand once the call is awarded."""

from django.test import Client
from django.urls import reverse

from nidaa.calls.models import CallStatus
from nidaa.missions.models import Mission
from tests.conftest import client_for
from tests.factories import CallFactory, OutcomeFactory, SubmittedApplicationFactory, UserFactory


def awarded_call_with_a_retained_application(org):
    call = CallFactory(organization=org, status=CallStatus.AWARDED, document_language="ar")
    applicant = UserFactory(username="retenue", email="salma@example.org", preferred_language="ar")
    application = SubmittedApplicationFactory(
        call=call, applicant=applicant, applicant_name="Salma Tazi", applicant_email="salma@example.org"
    )
    OutcomeFactory(application=application)
    OutcomeFactory(application=SubmittedApplicationFactory(call=call), decision="ranked", rank=2)
    return call, application


def link(call, application=None):
    url = f"{reverse('missions:create')}?call={call.pk}"
    return f"{url}&amp;application={application.pk}" if application else url


def test_the_owner_and_member_see_a_link_per_retained_application(org, owner_client, member_client):
    call, application = awarded_call_with_a_retained_application(org)
    for client in (owner_client, member_client):
        page = client.get(reverse("calls:detail", args=[call.pk])).content.decode()
        assert page.count(link(call, application)) == 1
        assert "Commencer la mission avec Salma Tazi" in page
        assert page.count(f"{reverse('missions:create')}?call=") == 1


def test_outsiders_evaluators_and_visitors_see_no_link(org, outsider_client, evaluator):
    call, _application = awarded_call_with_a_retained_application(org)
    for client in (outsider_client, client_for(evaluator), Client()):
        response = client.get(reverse("calls:detail", args=[call.pk]))
        assert reverse("missions:create") not in response.content.decode()


def test_the_link_goes_once_the_mission_exists_and_an_awarded_call_offers_one_by_hand(
    org, owner, owner_client
):
    call, application = awarded_call_with_a_retained_application(org)
    Mission.objects.create(
        call=call, organization=org, retained_application=application, title="Mission", facilitator_name="S"
    )
    page = owner_client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert (link(call, application) in page, page.count(link(call))) == (False, 1)
    assert "Commencer une mission" in page


def test_a_closed_call_without_a_retained_application_offers_no_link(org, owner_client):
    call = CallFactory(organization=org, status=CallStatus.CLOSED)
    page = owner_client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert reverse("missions:create") not in page


def test_the_creation_page_is_prefilled_from_the_application_and_creates_its_mission(org, owner_client):
    call, application = awarded_call_with_a_retained_application(org)
    url = f"{reverse('missions:create')}?call={call.pk}&application={application.pk}"
    form = owner_client.get(url).context["form"]
    assert {name: form.initial.get(name) for name in ("call", "application", "facilitator_name",
            "facilitator_email", "facilitator_language")} == {
        "call": call.pk, "application": application.pk, "facilitator_name": "Salma Tazi",
        "facilitator_email": "salma@example.org", "facilitator_language": "ar",
    }  # fmt: skip
    response = owner_client.post(
        url,
        {"call": call.pk, "application": application.pk, "facilitator_name": "Salma Tazi",
         "facilitator_email": "salma@example.org", "facilitator_language": "ar"},
    )  # fmt: skip
    mission = Mission.objects.get(call=call)
    assert response["Location"] == reverse("missions:detail", args=[mission.pk])
    assert (mission.retained_application, mission.facilitator, mission.facilitator_language) == (
        application,
        application.applicant,
        "ar",
    )


def test_an_application_of_another_organisation_is_not_prefilled(org, other_org, owner_client):
    foreign = SubmittedApplicationFactory(call=CallFactory(organization=other_org, status=CallStatus.AWARDED))
    form = owner_client.get(f"{reverse('missions:create')}?application={foreign.pk}").context["form"]
    assert (form.initial.get("application"), form.initial.get("facilitator_email")) == (None, None)
