"""Factories of the calls app (and the directory's territories, which calls point at)."""

import hashlib
from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from nidaa.calls.models import Call, CallRevision, CallStatus, CallType
from nidaa.calls.search import refresh_search_document
from tests.factories.accounts import OrganizationFactory


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Recrutement d'un formateur {n}")
    call_type = CallType.TRAINER
    issuer = factory.LazyAttribute(lambda c: c.organization.name)
    status = CallStatus.DRAFT
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    deadline_has_time = True
    locations = factory.LazyFunction(lambda: ["Fès"])
    text = factory.LazyAttribute(lambda c: f"{c.title}\nDate limite : 15 décembre 2026 à 23h59\n")
    sha256 = factory.LazyAttribute(lambda c: hashlib.sha256(c.text.encode()).hexdigest())
    original_filename = "tdr.txt"


class CallRevisionFactory(DjangoModelFactory):
    class Meta:
        model = CallRevision

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = CallStatus.PUBLISHED
    changed_fields = factory.LazyFunction(lambda: ["title"])


def indexed(*calls):
    """Make calls built by factories findable by words, as an import or an edit
    does: the full-text search reads the document ``refresh_search_document`` writes."""
    for call in calls:
        refresh_search_document(call)
    return calls[0] if len(calls) == 1 else calls


class PublishedCallFactory(CallFactory):
    class Meta:
        skip_postgeneration_save = True

    status = CallStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def search_document(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        # What an import or an edit does, so the full-text search finds the call.
        if create:
            refresh_search_document(obj)
