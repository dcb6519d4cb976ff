"""Reads for the directory app."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from nidaa.directory.models import Territory, TerritoryKind
from nidaa.tor.places import default_gazetteer


def territory_for_name(name: str) -> Territory | None:
    """The territory called ``name`` in any spelling the gazetteer knows
    (French, Arabic, accent-free, older transliterations)."""
    place = default_gazetteer().lookup(name)
    if place is None:
        return None
    return Territory.objects.filter(code=place.code).first()


def _name_order() -> str:
    return "name_ar" if (get_language() or "").startswith("ar") else "name_fr"


def regions_with_provinces() -> QuerySet[Territory]:
    """The regions, each with its provinces and prefectures prefetched
    (``region.provinces``), sorted by name in the active language."""
    order = _name_order()
    provinces = Territory.objects.filter(
        kind__in=[TerritoryKind.PROVINCE, TerritoryKind.PREFECTURE]
    ).order_by(order)
    return (
        Territory.objects.filter(kind=TerritoryKind.REGION)
        .order_by("code")
        .prefetch_related(Prefetch("children", queryset=provinces, to_attr="provinces"))
    )


def territory_with_children(code: str) -> tuple[Territory, list[Territory]] | None:
    """The territory with this code (its parent chain joined) and its children."""
    territory = Territory.objects.select_related("parent__parent").filter(code=code).first()
    if territory is None:
        return None
    return territory, list(territory.children.order_by(_name_order()))
