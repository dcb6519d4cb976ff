"""Querysets compiled once per process, for the few pages whose SQL never
changes shape (the catalogue's list, the public call page).

On those pages building and compiling a queryset costs more Python than the
database spends running it, and building model instances through the ORM's
iterators more again. ``CompiledQuery`` compiles a queryset built with
*stand-in* values (values no real row or clock has) once, remembers which
parameter each stand-in became, and on each request swaps in the real values,
adapted as the ORM adapts them, runs the SQL and converts each column with
the backend's converters, as the ORM does::

    @functools.lru_cache(maxsize=8)
    def _by_id(vendor: str) -> CompiledQuery:
        return CompiledQuery(Call.objects.filter(pk=STAND_IN_ID).values_list(...), {"id": STAND_IN_ID})

    rows = _by_id(connection.vendor).rows(id=call_id)

Tests compare a compiled query's rows with the ORM's for the same values.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

# Stand-ins: values no real call, clock or id has (before any platform
# existed; ids are positive).
STAND_IN_NOW = datetime(1901, 2, 3, 4, 5, 6, 789001, tzinfo=UTC)
STAND_IN_DATETIME = datetime(1901, 2, 3, 4, 5, 6, 789002, tzinfo=UTC)
STAND_IN_ID = -901_020_304


def _adapt(value: Any) -> Any:
    """A parameter as the ORM passes it to the database driver."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


class CompiledQuery:
    """The SQL of ``queryset`` with ``stand_ins`` (name → stand-in value) made
    into named slots. Raises ``ValueError`` if a stand-in does not come out as
    one parameter of its own (the ORM transformed it): such a queryset cannot
    be compiled this way."""

    def __init__(self, queryset: QuerySet[Any], stand_ins: dict[str, Any]) -> None:
        compiler = queryset.query.get_compiler(using=queryset.db)
        self.sql, params = compiler.as_sql()
        slots_by_value = {_adapt(value): name for name, value in stand_ins.items()}
        self.slots: list[tuple[str | None, Any]] = []
        for param in params:
            name = slots_by_value.get(param) if isinstance(param, (str, int, datetime)) else None
            self.slots.append((name, None if name else param))
        found = {name for name, _constant in self.slots if name}
        if found != set(stand_ins):
            raise ValueError(f"stand-ins {sorted(set(stand_ins) - found)} are not parameters of {self.sql}")
        self.converters = [
            (pos, functions, expression)
            for pos, (functions, expression) in compiler.get_converters(
                [column for column, _sql, _alias in compiler.select]
            ).items()
        ]

    def rows(self, **values: Any) -> list[list[Any]]:
        """The query's rows for these values, each column converted."""
        params = [_adapt(values[name]) if name else constant for name, constant in self.slots]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            return convert_rows(cursor.fetchall(), self.converters)


def convert_rows(
    rows: Iterable[tuple[Any, ...]], converters: list[tuple[int, list[Any], Any]]
) -> list[list[Any]]:
    """What the ORM does to each fetched row: the backend's converters (SQLite's
    text datetimes, JSON) column by column."""
    converted = []
    for raw in rows:
        values = list(raw)
        for pos, functions, expression in converters:
            value = values[pos]
            for convert in functions:
                value = convert(value, expression, connection)
            values[pos] = value
        converted.append(values)
    return converted


def instance(model: type[Model], attnames: list[str], values: list[Any]) -> Any:
    """A model instance from a row's values for ``attnames`` (in any order), as
    the ORM builds them (``Model.from_db``, which wants them in the model's
    field order): the fields not named are deferred, read on first use."""
    by_name = dict(zip(attnames, values, strict=True))
    names = [f.attname for f in model._meta.concrete_fields if f.attname in by_name]
    return model.from_db(connection.alias, names, [by_name[name] for name in names])
