"""Factories of the alerts app: saved searches and followed calls."""

import factory
from factory.django import DjangoModelFactory

from nidaa.alerts.models import AlertFrequency, FollowedCall, SavedSearch
from tests.factories.accounts import UserFactory
from tests.factories.calls import CallFactory


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
