"""The public call page tells applicants what changed that matters to them
(deadline, pieces, how to apply, the call's own words, a cancellation), not
the issuer's bookkeeping; names its places once; shows 12 days as 12."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from nidaa.calls.models import CallRevision, CallStatus
from nidaa.calls.services import cancel_call, publish_call, update_call
from nidaa.directory.models import Territory
from tests.conftest import client_for
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(org):
    return CallFactory(
        organization=org,
        status=CallStatus.DRAFT,
        title="Formateur en plaidoyer",
        deadline=timezone.now() + timedelta(days=10),
        required_documents=["cv"],
    )


def _changes(response) -> list[str]:
    section = re.search(r'<section class="call-history">(.*?)</section>', response.content.decode(), re.S)
    assert section is not None
    return [
        re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", section.group(1), re.S)
    ]


def _at(revision_or_date, language="fr") -> str:
    moment = getattr(revision_or_date, "at", revision_or_date)
    with translation.override(language):
        return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def test_edits_made_while_a_draft_are_not_changes_for_applicants(client, owner, call):
    update_call(call=call, actor=owner, changes={"title": "Formateur·rice en plaidoyer", "project": "Karama"})
    publish_call(call=call, actor=owner, confirmed=True)

    response = client.get(f"/fr/calls/{call.pk}/")

    assert _changes(response) == []
    assert "Pas de modification depuis sa publication." in response.content.decode()


def test_only_the_fields_that_matter_to_applicants_are_named(client, owner, call):
    publish_call(call=call, actor=owner, confirmed=True)
    update_call(call=call, actor=owner, changes={"project": "Karama", "reference": "AO-12", "sealed": False})
    update_call(
        call=call,
        actor=owner,
        changes={
            "deadline": call.deadline + timedelta(days=3),
            "required_documents": ["cv", "financial_offer"],
        },
    )
    update_call(
        call=call, actor=owner, changes={"title": "Formateur en plaidoyer (corrigé)", "call_type": "training"}
    )
    first, second, third = CallRevision.objects.filter(call=call).order_by("number")
    assert second.changed_fields == ["deadline", "required_documents"]

    assert _changes(client.get(f"/fr/calls/{call.pk}/")) == [
        f"{_at(third)} — modifié : intitulé",
        f"{_at(second)} — modifié : date limite, pièces exigées",
    ]
    assert _changes(client.get(f"/ar/calls/{call.pk}/")) == [
        f"{_at(third, 'ar')}: تعديل العنوان",
        f"{_at(second, 'ar')}: تعديل آخر أجل، الوثائق المطلوبة",
    ]


def test_a_cancellation_comes_first_among_the_changes(client, owner, call):
    publish_call(call=call, actor=owner, confirmed=True)
    update_call(call=call, actor=owner, changes={"locations": ["Midelt"]})
    revision = CallRevision.objects.get(call=call)
    cancel_call(call=call, actor=owner, reason="Financement suspendu.")
    call.refresh_from_db()

    assert _changes(client.get(f"/fr/calls/{call.pk}/")) == [
        f"{_at(call.cancelled_at)} : l’appel a été annulé",
        f"{_at(revision)} — modifié : lieux",
    ]


def test_the_organisation_still_reads_every_revision(owner, member, outsider, call):
    publish_call(call=call, actor=owner, confirmed=True)
    update_call(call=call, actor=owner, changes={"project": "Karama"})

    for user in (owner, member):
        content = client_for(user).get(f"/en/calls/{call.pk}/").content.decode()
        assert "Revision 1," in content
        assert "project" in content
    # Outside the organisation, an edit of the project is no change to an applicant.
    assert _changes(client_for(outsider).get(f"/en/calls/{call.pk}/")) == []


# --- places ----------------------------------------------------------------


def _places(response) -> str:
    content = response.content.decode()
    found = re.search(r'<dt>(?:Lieux|Locations|أماكن التنفيذ)</dt><dd dir="auto">(.*?)</dd>', content, re.S)
    assert found is not None
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def test_a_place_already_written_is_not_repeated_in_brackets(client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, locations=["Midelt"])
    # The commune and the province are both "Midelt".
    call.territories.add(*Territory.objects.filter(code__in=["MA-MID", "MA-MID-MIDELT"]))

    assert _places(client.get(f"/fr/calls/{call.pk}/")) == "Midelt"
    # In Arabic the bracket translates, once.
    assert _places(client.get(f"/ar/calls/{call.pk}/")) == "Midelt (ميدلت)"


def test_a_commune_and_its_province_written_out_are_not_named_again(client, org):
    call = CallFactory(
        organization=org,
        status=CallStatus.PUBLISHED,
        locations=["Commune de Rich (province de Midelt)", "Tinghir"],
    )
    call.territories.add(*Territory.objects.filter(code__in=["MA-MID", "MA-MID-RICH", "MA-TIN"]))

    assert _places(client.get(f"/fr/calls/{call.pk}/")) == "Commune de Rich (province de Midelt), Tinghir"


def test_a_place_the_text_does_not_name_is_added_in_brackets(client, org):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, locations=["Zone rurale du Haut Atlas"])
    call.territories.add(Territory.objects.get(code="MA-MID"))

    assert _places(client.get(f"/fr/calls/{call.pk}/")) == "Zone rurale du Haut Atlas (Midelt)"


# --- duration ----------------------------------------------------------------


@pytest.mark.parametrize(("days", "shown"), [(Decimal("12.00"), "12"), (Decimal("2.50"), "2.50")])
def test_a_duration_in_whole_days_has_no_decimals(client, org, days, shown):
    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, duration_days=days)
    content = client.get(f"/en/calls/{call.pk}/").content.decode()
    assert f"<dt>Duration (days)</dt><dd>{shown}</dd>" in content
