"""The catalogue's query, as a URL carries it: ``SearchForm`` (a Django form,
GET) parses a query string and renders the catalogue's search form;
``CallQuery`` is what it parses to, the one value the pages, the Atom and
iCalendar feeds, the JSON API, OCDS and saved searches pass around.

    query = CallQuery.from_params(request.GET)   # SearchForm(request.GET).query()
    url_tail = query.to_querystring()             # the same query, to put in a link
    form = SearchForm(request.GET)                # shows the values it read, cleaned

A query string is stranger's input: every value is put on one line without
bidi controls and cut at 200 characters (it is shown back in pages, feed
titles and calendar names); a date that is not one is no date; unknown codes
are kept, to match nothing, rather than refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from functools import cached_property
from typing import Any, cast

from django import forms
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy

from nidaa.calls.models import CallType, DocumentLanguage
from nidaa.common.jinja import FragmentRenderer
from nidaa.common.text import one_line, strip_bidi_controls
from nidaa.tor.places import default_gazetteer

MAX_VALUE_LENGTH = 200


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
        """The query a URL's parameters ask for (``SearchForm``'s reading)."""
        return SearchForm(params).query()

    # A page asks a query for its parameters and its query string several times
    # (emptiness, feeds, cache keys, links): each is worked out once per query.
    @cached_property
    def _params(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value:
                out[self.PARAMS.get(f.name, f.name)] = value.isoformat() if isinstance(value, date) else value
        return out

    @cached_property
    def _querystring(self) -> str:
        qd = QueryDict(mutable=True)
        qd.update(self._params)
        return qd.urlencode()

    def to_params(self) -> dict[str, str]:
        return dict(self._params)

    def to_querystring(self) -> str:
        return self._querystring

    @property
    def is_empty(self) -> bool:
        return not self._params

    @property
    def filters_set(self) -> bool:
        """Whether a filter of the form's disclosure is set (the words and the
        issuer are not among them): the disclosure is then shown open."""
        return bool(self._params.keys() - {"q", "issuer"})


def clean_text(value: Any) -> str:
    """A query value on one line, without bidi controls, at most 200 characters."""
    return one_line(strip_bidi_controls(str(value or ""))).strip()[:MAX_VALUE_LENGTH]


class QueryText(forms.CharField):
    """A text value of the query: never refused, always cleaned (``clean_text``);
    shown back as cleaned."""

    def to_python(self, value: Any) -> str:
        return clean_text(value)

    # A bound form shows a value as read (what the page searched for), not as typed.
    def bound_data(self, data: Any, initial: Any) -> str:
        return clean_text(data)


class QueryDate(forms.Field):
    """A day (ISO ``YYYY-MM-DD``); anything else is no day, not an error."""

    def to_python(self, value: Any) -> date | None:
        raw = clean_text(value)
        try:
            return date.fromisoformat(raw) if raw else None
        except ValueError:
            return None

    def bound_data(self, data: Any, initial: Any) -> date | None:
        return self.to_python(data)


# The search form and its widgets are Jinja2 templates (calls/jinja2/calls/):
# Django's input templates include input.html, which includes attrs.html; the
# same markup in one template spares two includes per input on every page.
INPUT_TEMPLATE = "calls/widgets/query_input.html"
# How long a filter's select stays in the default cache (it depends only on the
# language and its value).
SELECT_TIMEOUT = 600


class LeanAttrs:
    """A widget whose template prints its attributes from ``widget.pairs``:
    (name, text) in the attributes' order, text ``None`` for a true boolean
    attribute (``required``, ``disabled``: the name alone), false ones left
    out, and its value as text. What attrs.html decides per attribute with two
    tests and a filter on every page is decided here once per render."""

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context(name, value, attrs)  # type: ignore[misc]
        widget = context["widget"]
        widget["pairs"] = [
            (key, None if item is True else str(item))
            for key, item in widget["attrs"].items()
            if item is not False
        ]
        if widget["value"] is not None:
            widget["value"] = str(widget["value"])
        return context


class ValuedInput(LeanAttrs, forms.TextInput):
    """A text input that always carries ``value=""``, even empty (Django's
    leaves the attribute out; the catalogue's pages always had it)."""

    template_name = INPUT_TEMPLATE

    def format_value(self, value: Any) -> str:
        return "" if value is None else str(value)


class SearchInput(ValuedInput):
    input_type = "search"


class HiddenText(ValuedInput):
    """``<input type="hidden">`` (the issuer), in the form's Jinja2 input template."""

    input_type = "hidden"


class DayInput(LeanAttrs, forms.DateInput):
    """``<input type="date">`` with its ISO value (``value=""`` when empty)."""

    input_type = "date"
    template_name = INPUT_TEMPLATE

    def __init__(self, element_id: str) -> None:
        super().__init__(attrs={"id": element_id}, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str:
        return "" if value is None else str(super().format_value(value))


class QuerySelect(forms.Select):
    """A select of one value whose empty choice ("All ...") is never marked
    selected (the browser shows it anyway). Its options are printed by one
    template loop (calls/widgets/query_select.html) rather than one included
    template per option, as Django's select does: the province select has ~75."""

    template_name = "calls/widgets/query_select.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)
        context["widget"]["value"] = str(value) if value else ""
        context["widget"]["choices"] = list(self.choices)
        return context


def _places(*kinds: str) -> Iterator[tuple[str, str]]:
    """The gazetteer's places of these kinds by French name, named in the
    reader's language: read when the form is rendered, in its language."""
    arabic = (get_language() or "").startswith("ar")
    places = sorted((p for p in default_gazetteer().places if p.kind in kinds), key=lambda p: p.name_fr)
    for place in places:
        yield place.code, place.name_ar if arabic else place.name_fr


def _type_choices() -> list[tuple[str, Any]]:
    return [("", gettext_lazy("All types")), *CallType.choices]


def _region_choices() -> list[tuple[str, Any]]:
    return [("", gettext_lazy("All regions")), *_places("region")]


def _province_choices() -> list[tuple[str, Any]]:
    return [("", gettext_lazy("All provinces")), *_places("province", "prefecture")]


def _language_choices() -> list[tuple[str, Any]]:
    spoken = [(code, label) for code, label in DocumentLanguage.choices if code != "mixed"]
    return [("", gettext_lazy("All languages")), *spoken]


def _state_choices() -> list[tuple[str, Any]]:
    return [
        ("", gettext_lazy("Open and closed")),
        ("open", gettext_lazy("Open")),
        ("closed", gettext_lazy("Closed")),
    ]


def _select(element_id: str, choices: Any) -> QuerySelect:
    # Choices as a callable: labels and place names in the language the form is rendered in.
    return QuerySelect(attrs={"id": element_id}, choices=choices)


def _text(element_id: str) -> ValuedInput:
    return ValuedInput(attrs={"id": element_id, "maxlength": MAX_VALUE_LENGTH, "dir": "auto"})


class SearchForm(forms.Form):
    """The catalogue's search and filters (GET). Its field names are the URL's
    parameters; ``query()`` is what they ask for. Rendered by
    calls/list_search_form.html, field by field."""

    q = QueryText(
        required=False,
        widget=SearchInput(
            attrs={
                "id": "search-q",
                "maxlength": MAX_VALUE_LENGTH,
                "dir": "auto",
                "placeholder": gettext_lazy("e.g. plaidoyer, formation, التكوين"),
            }
        ),
    )
    type = QueryText(required=False, widget=_select("f-type", _type_choices))
    region = QueryText(required=False, widget=_select("f-region", _region_choices))
    province = QueryText(required=False, widget=_select("f-province", _province_choices))
    language = QueryText(required=False, widget=_select("f-language", _language_choices))
    state = QueryText(required=False, widget=_select("f-state", _state_choices))
    funder = QueryText(required=False, widget=_text("f-funder"))
    deadline_after = QueryDate(required=False, widget=DayInput("f-after"))
    deadline_before = QueryDate(required=False, widget=DayInput("f-before"))
    issuer = QueryText(required=False, widget=HiddenText)

    # Rendered ({{ search_form }}) by its Jinja2 template, its widgets by theirs.
    template_name = "calls/search_form.html"
    default_renderer = FragmentRenderer

    def __init__(self, data: QueryDict | dict[str, Any] | None = None, *, action: str = "") -> None:
        # No automatic ids: the visible fields carry their own (the labels' for=),
        # the hidden issuer none.
        super().__init__(data, auto_id=False)
        self.action = action  # where the form is sent: the page's own path

    def get_context(self) -> dict[str, Any]:
        # What calls/search_form.html prints: the fields by name, the query they
        # ask for, the page's path (not Django's lists of fields and errors:
        # the fields refuse nothing).
        return {"form": self, "query": self.query(), "action": self.action}

    def cached_select(self, name: str) -> SafeString:
        """The select of the filter ``name``, filled with its value, in the
        reader's language. It depends only on those two: it is kept in the
        default cache (a select of provinces has ~75 options), under the key
        the templates' ``{% cache %}`` gave it."""
        key = make_template_fragment_key(
            f"catalogue_select_{name}", [get_language(), self.cleaned_data[name]]
        )
        return cast(SafeString, cache.get_or_set(key, lambda: str(self[name]), SELECT_TIMEOUT))

    def query(self) -> CallQuery:
        """What the form's data ask for. The fields refuse nothing, so the form
        is always valid."""
        self.is_valid()
        data = self.cleaned_data
        return CallQuery(
            q=data["q"],
            call_type=data["type"],
            region=data["region"],
            province=data["province"],
            issuer=data["issuer"],
            funder=data["funder"],
            language=data["language"],
            state=data["state"],
            deadline_after=data["deadline_after"],
            deadline_before=data["deadline_before"],
        )
