"""Factories of the directory app."""

import factory
from factory.django import DjangoModelFactory


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = "directory.Territory"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T-TEST-{n}")
    kind = "commune"
    name_fr = factory.Sequence(lambda n: f"Commune test {n}")
    name_ar = factory.Sequence(lambda n: f"جماعة تجريبية {n}")
    parent = None
