"""Writes for the directory app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from nidaa.directory.models import Territory
from nidaa.tor.places import DATA_FILE, Gazetteer, Place

_LEVELS = (("region",), ("province", "prefecture"), ("commune",))
_FIELDS = ("kind", "name_fr", "name_ar", "parent_id")


def sync_territories(*, path: Path = DATA_FILE) -> dict[str, int]:
    """Upsert every territory of the reference file by code, parents first.

    Idempotent: a second run with the same file writes nothing. Territories
    that left the file are kept (other records may point at them) and
    counted as ``stale``. Returns counts per kind and ``created``,
    ``updated``, ``unchanged``, ``stale``.
    """
    return sync_territories_into(Territory, path=path)


def sync_territories_into(model: Any, *, path: Path = DATA_FILE) -> dict[str, int]:
    """:func:`sync_territories` on a given model class, so the data migration
    can pass the historical model."""
    places = Gazetteer.from_file(path).places
    counts = {"region": 0, "province": 0, "prefecture": 0, "commune": 0}
    counts.update(created=0, updated=0, unchanged=0)
    with transaction.atomic():
        existing = {t.code: t for t in model.objects.all()}
        ids = {code: t.pk for code, t in existing.items()}
        for kinds in _LEVELS:
            to_create, to_update = [], []
            for place in (p for p in places if p.kind in kinds):
                counts[place.kind] += 1
                values = _values(place, ids)
                row = existing.get(place.code)
                if row is None:
                    to_create.append(model(code=place.code, **values))
                elif any(getattr(row, f) != v for f, v in values.items()):
                    for f, v in values.items():
                        setattr(row, f, v)
                    to_update.append(row)
                else:
                    counts["unchanged"] += 1
            # SQLite and PostgreSQL both return the new primary keys.
            for row in model.objects.bulk_create(to_create, batch_size=500):
                ids[row.code] = row.pk
            model.objects.bulk_update(to_update, _FIELDS, batch_size=500)
            counts["created"] += len(to_create)
            counts["updated"] += len(to_update)
        known = {p.code for p in places}
        counts["stale"] = sum(1 for code in existing if code not in known)
    return counts


def _values(place: Place, ids: dict[str, int]) -> dict[str, Any]:
    parent_id = ids[place.parent_code] if place.parent_code else None
    return {"kind": place.kind, "name_fr": place.name_fr, "name_ar": place.name_ar, "parent_id": parent_id}
