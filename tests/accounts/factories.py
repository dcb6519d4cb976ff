"""Factories for the applicant side of accounts (kept here, beside its tests)."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from nidaa.accounts.models import Profile
from nidaa.alerts.models import AlertFrequency, FollowedCall, SavedSearch
from nidaa.calls.models import CallStatus
from nidaa.calls.search import refresh_search_document
from tests.factories import CallFactory, UserFactory


class ProfileFactory(DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


class SavedSearchFactory(DjangoModelFactory):
    class Meta:
        model = SavedSearch

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Recherche {n}")
    params = factory.LazyFunction(dict)
    frequency = AlertFrequency.DAILY
    remind_deadlines = True


class FollowedCallFactory(DjangoModelFactory):
    class Meta:
        model = FollowedCall

    user = factory.SubFactory(UserFactory)
    call = factory.SubFactory(CallFactory)


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
