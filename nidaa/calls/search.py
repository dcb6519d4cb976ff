"""The catalogue query: one object parsed from a URL query string, used by the
pages, the Atom feed, the iCalendar feed, the JSON API, OCDS and saved searches.

    query = CallQuery.from_params(request.GET)
    calls = search_calls(query)          # published/closed calls, filtered and ordered
    url_tail = query.to_querystring()    # the same query, to put in a link

PLACEHOLDER implementation (icontains): the full-text version (SQLite FTS5 /
PostgreSQL tsvector) replaces the body of ``search_calls`` with the same
signature.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import QueryDict

from nidaa.calls.models import Call
from nidaa.calls.selectors import published_calls


@dataclass(frozen=True)
class CallQuery:
    q: str = ""
    call_type: str = ""  # URL: type
    region: str = ""  # territory code of a region
    province: str = ""  # territory code of a province/prefecture
    issuer: str = ""  # organisation slug
    funder: str = ""
    language: str = ""  # ISO 639 code of a working language
    state: str = ""  # "open", "closed" or "" for both
    deadline_after: date | None = None
    deadline_before: date | None = None

    PARAMS = {"call_type": "type"}

    @classmethod
    def from_params(cls, params: QueryDict | dict[str, Any]) -> CallQuery:
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = params.get(cls.PARAMS.get(f.name, f.name), "")
            raw = (raw or "").strip()[:200]
            if f.name.startswith("deadline_"):
                try:
                    values[f.name] = date.fromisoformat(raw) if raw else None
                except ValueError:
                    values[f.name] = None
            else:
                values[f.name] = raw
        return cls(**values)

    def to_params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value:
                out[self.PARAMS.get(f.name, f.name)] = value.isoformat() if isinstance(value, date) else value
        return out

    def to_querystring(self) -> str:
        qd = QueryDict(mutable=True)
        qd.update(self.to_params())
        return qd.urlencode()


def search_calls(query: CallQuery) -> QuerySet[Call]:
    calls = published_calls()
    if query.q:
        calls = calls.filter(
            Q(title__icontains=query.q) | Q(issuer__icontains=query.q) | Q(text__icontains=query.q)
        )
    if query.call_type:
        calls = calls.filter(call_type=query.call_type)
    return calls
