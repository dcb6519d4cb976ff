"""The public call page reads its call and revisions through queries compiled
once per process: they must give what the ORM gives."""

from datetime import timedelta

import pytest
from django.utils import timezone

from nidaa.calls import selectors
from nidaa.calls.models import Call, CallRevision, CallStatus
from nidaa.calls.services import update_call
from tests.factories import CallFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_public_call_is_the_orms_call_with_its_organisation(django_assert_num_queries):
    call = CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=3),
        locations=["Tiznit", "Tafraout"],
        objectives=["Renforcer les capacités"],
    )
    with django_assert_num_queries(1):
        compiled = selectors.get_public_call(call_id=call.pk)
        organization = compiled.organization
    orm = Call.objects.select_related("organization").get(pk=call.pk)
    for field in Call._meta.concrete_fields:
        if field.name not in selectors.INTERNAL_FIELDS:
            assert getattr(compiled, field.attname) == getattr(orm, field.attname), field.name
    assert (organization.pk, organization.name, organization.slug) == (
        orm.organization.pk,
        orm.organization.name,
        orm.organization.slug,
    )
    # The columns left out are read when asked for.
    assert compiled.text == orm.text


@pytest.mark.parametrize("status", [CallStatus.DRAFT, CallStatus.CANCELLED])
def test_a_call_that_is_not_public_is_not_found(status):
    call = CallFactory(status=status)
    with pytest.raises(Call.DoesNotExist):
        selectors.get_public_call(call_id=call.pk)


@pytest.mark.parametrize("call_id", [0, -1, 2**63, 10**30])
def test_ids_no_call_can_have_are_not_found(call_id):
    with pytest.raises(Call.DoesNotExist):
        selectors.get_public_call(call_id=call_id)


def test_a_page_with_an_id_too_large_is_404(client):
    assert client.get(f"/fr/calls/{2**64}/").status_code == 404


def test_revisions_are_the_orms_newest_first_with_authors():
    call = CallFactory(status=CallStatus.DRAFT)
    editor = UserFactory(first_name="Amina", last_name="Idrissi")
    update_call(call=call, actor=editor, changes={"title": "Nouveau titre"})
    update_call(call=call, actor=None, changes={"project": "Projet"})
    shown = selectors.revisions_shown(call=call)
    orm = list(CallRevision.objects.filter(call=call).select_related("author").order_by("-number"))
    assert [(r.number, r.at, r.changed_fields, r.author_id) for r in shown] == [
        (r.number, r.at, r.changed_fields, r.author_id) for r in orm
    ]
    assert [r.number for r in shown] == [2, 1]
    assert shown[0].author is None
    assert shown[1].author.get_full_name() == "Amina Idrissi"
    assert shown[1].changed_labels() == orm[1].changed_labels()


def test_the_call_page_names_its_territories_in_the_readers_language(client):
    from tests.factories import TerritoryFactory

    call = CallFactory(status=CallStatus.PUBLISHED, locations=["Tafraout"])
    call.territories.add(
        TerritoryFactory(code="T-TAF", kind="commune", name_fr="Tafraout", name_ar="تافراوت")
    )
    # Written "Tafraout" already: not repeated in brackets (issue 12); translated in Arabic.
    assert "Tafraout (Tafraout)" not in client.get(f"/fr/calls/{call.pk}/").content.decode()
    assert '<dd dir="auto">Tafraout</dd>' in client.get(f"/fr/calls/{call.pk}/").content.decode()
    assert "(تافراوت)" in client.get(f"/ar/calls/{call.pk}/").content.decode()


def test_a_call_page_miss_reads_the_call_its_territories_and_changes_in_one_query(
    anon_client, django_assert_num_queries
):
    from tests.factories import TerritoryFactory

    call = CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() + timedelta(days=3),
        locations=["Anti-Atlas", "Province de Tiznit"],
    )
    call.territories.add(
        TerritoryFactory(code="T-TIZ", kind="province", name_fr="Tiznit", name_ar="تيزنيت"),
        TerritoryFactory(code="T-TAF", kind="commune", name_fr="Tafraout", name_ar="تافراوت"),
        TerritoryFactory(code="T-AMM", kind="commune", name_fr="Ammelne", name_ar="أملن"),
    )
    # An edit while still a draft is no change an applicant reads of.
    CallRevision.objects.create(call=call, number=1, status=CallStatus.DRAFT, changed_fields=["title"])
    with django_assert_num_queries(1):
        content = anon_client.get(f"/fr/calls/{call.pk}/").content.decode()
    # Territory's order (kind, then name); Tiznit is already written in the places.
    assert '<span class="muted">(Ammelne, Tafraout)</span>' in content
    assert "Pas de modification depuis sa publication." in content
    assert selectors.places_of(selectors.get_public_call(call_id=call.pk)) == selectors.CallPlaces(
        territories=[("Ammelne", "أملن"), ("Tafraout", "تافراوت"), ("Tiznit", "تيزنيت")],
        revised_in_public=False,
    )


def test_a_call_changed_once_public_reads_its_changes_too(anon_client, django_assert_num_queries):
    call = CallFactory(status=CallStatus.PUBLISHED, deadline=timezone.now() + timedelta(days=3))
    update_call(call=call, actor=None, changes={"deadline": timezone.now() + timedelta(days=9)})
    assert selectors.places_of(selectors.get_public_call(call_id=call.pk)) == selectors.CallPlaces(
        territories=[], revised_in_public=True
    )
    # The call with its places and the revisions' flag, then the revisions.
    with django_assert_num_queries(2):
        content = anon_client.get(f"/en/calls/{call.pk}/").content.decode()
    assert ": changed deadline</li>" in content


@pytest.mark.parametrize(
    ("reader", "lang", "shown"),
    [
        ("member_client", "fr", '<span class="muted">(Ammelne, Tafraout)</span>'),
        ("outsider_client", "fr", '<span class="muted">(Ammelne, Tafraout)</span>'),
        ("anon_client", "ar", '<span class="muted">(أملن، تافراوت)</span>'),
    ],
)
def test_every_reader_of_a_call_page_gets_its_territories_read_with_the_call(
    request, org, reader, lang, shown
):
    from tests.factories import TerritoryFactory

    call = CallFactory(organization=org, status=CallStatus.PUBLISHED, locations=["Anti-Atlas"])
    call.territories.add(
        TerritoryFactory(code="T-TAF", kind="commune", name_fr="Tafraout", name_ar="تافراوت"),
        TerritoryFactory(code="T-AMM", kind="commune", name_fr="Ammelne", name_ar="أملن"),
    )
    assert shown in request.getfixturevalue(reader).get(f"/{lang}/calls/{call.pk}/").content.decode()


def test_a_draft_is_read_with_its_places_by_its_organisation_only(member, outsider):
    from tests.factories import TerritoryFactory

    call = CallFactory(organization=member.memberships.get().organization, status=CallStatus.DRAFT)
    call.territories.add(TerritoryFactory(code="T-TIZ", kind="province", name_fr="Tiznit", name_ar="تيزنيت"))
    read = selectors.get_visible_call(user=member, call_id=call.pk, places=True)
    assert selectors.places_of(read) == selectors.CallPlaces(
        territories=[("Tiznit", "تيزنيت")], revised_in_public=False
    )
    with pytest.raises(Call.DoesNotExist):
        selectors.get_visible_call(user=outsider, call_id=call.pk, places=True)


def test_the_working_languages_are_a_list_as_the_readers_language_writes_it(anon_client):
    call = CallFactory(status=CallStatus.PUBLISHED, languages=["fr", "ar"])
    fr = anon_client.get(f"/fr/calls/{call.pk}/").content.decode()
    ar = anon_client.get(f"/ar/calls/{call.pk}/").content.decode()
    assert "<dt>Langues de travail</dt><dd>Français, Arabe</dd>" in fr
    assert "<dd>الفرنسية، العربية</dd>" in ar
