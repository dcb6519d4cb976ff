"""The read-only JSON API (django-ninja), mounted at ``/api/`` outside the
language prefix, with its OpenAPI description at ``/api/openapi.json``.

Anonymous and read-only: it shows only public calls (published, closed,
awarded) whoever asks, the organisations that issued them, and the
territorial reference data. Fields that are internal (the normalised text, the
raw extraction, who created the call, the storage path) never leave. Every
answer, errors included, is JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Path, Query, Schema, Status
from ninja.throttling import AnonRateThrottle

from nidaa.accounts.models import Organization
from nidaa.calls.feeds import call_path, catalogue_query
from nidaa.calls.models import PUBLIC_STATUSES, Call, CallType
from nidaa.calls.search import search_calls
from nidaa.calls.selectors import MAX_ID, public_organizations
from nidaa.common.ratelimit import client_address
from nidaa.directory.models import Territory, TerritoryKind

MAX_LIMIT = 100
DEFAULT_LIMIT = 20
# Deeper than this, use the filters: an OFFSET this large is a scan anyway.
MAX_OFFSET = 1_000_000
FILTER_MAX_LENGTH = 200

DEFAULT_RATE_LIMIT = "300/m"


class ClientRateThrottle(AnonRateThrottle):
    """Requests per client address, counted in the default cache (Redis in
    production, so every web worker shares the counts). The rate is the
    ``NIDAA_API_RATE_LIMIT`` setting ("300/m" by default, "" for none), read on
    each request. Behind a reverse proxy, set ``NINJA_NUM_PROXIES``."""

    def __init__(self) -> None:
        super().__init__(rate=DEFAULT_RATE_LIMIT)

    def get_ident(self, request: HttpRequest) -> str:
        return client_address(request)

    def allow_request(self, request: HttpRequest) -> bool:
        rate = str(getattr(settings, "NIDAA_API_RATE_LIMIT", DEFAULT_RATE_LIMIT))
        if not rate:
            return True
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request)


api = NinjaAPI(
    title="Nidaa",
    version="1.0",
    description=(
        "Read-only API of Nidaa's public catalogue of calls for consultants, trainers, "
        "experts and staff. Only public calls are ever shown."
    ),
    urls_namespace="api",
    # The interactive docs load scripts from a CDN; the OpenAPI description is enough.
    docs_url=None,
    throttle=[ClientRateThrottle()],
)


# --- schemas -------------------------------------------------------------------


class Error(Schema):
    detail: str


class OrganizationRef(Schema):
    slug: str
    name: str


class DocumentOut(Schema):
    url: str
    filename: str
    sha256: str


class CallOut(Schema):
    id: int
    url: str
    title: str
    call_type: str
    status: str
    is_open: bool
    organization: OrganizationRef
    issuer: str
    project: str
    partners_funders: list[str]
    reference: str
    deadline: datetime | None
    deadline_has_time: bool
    deadline_text: str
    timezone: str
    submission_emails: list[str]
    contact_emails: list[str]
    email_subject: str
    required_documents: list[str]
    deliverables: list[str]
    locations: list[str]
    territories: list[str]
    duration_days: float | None
    languages: list[str]
    participants: int | None
    document_language: str
    objectives: list[str]
    tasks: list[str]
    profile: list[str]
    document: DocumentOut | None
    published_at: datetime | None
    updated_at: datetime


class Page(Schema):
    count: int
    limit: int
    offset: int
    next: str | None
    previous: str | None


class CallPage(Page):
    items: list[CallOut]


class OrganizationOut(Schema):
    slug: str
    name: str
    name_ar: str
    acronym: str
    website: str
    public_calls: int
    calls_url: str


class OrganizationPage(Page):
    items: list[OrganizationOut]


class TerritoryOut(Schema):
    code: str
    kind: str
    name_fr: str
    name_ar: str
    parent: str | None


class TerritoryPage(Page):
    items: list[TerritoryOut]


# --- helpers ---------------------------------------------------------------------


def _as_strings(value: Any) -> list[str]:
    # JSON columns hold lists of strings by contract; tolerate anything else
    # rather than fail the whole page on one odd row.
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if item is not None]


def _local(value: datetime | None) -> datetime | None:
    # Whole seconds in Morocco's time, with the offset: "2026-12-15T23:59:00+01:00".
    return timezone.localtime(value).replace(microsecond=0) if value is not None else None


def call_out(request: HttpRequest, call: Call) -> dict[str, Any]:
    """A public call as the API shows it."""
    now = timezone.now()
    document = None
    if call.file:
        document = {
            "url": request.build_absolute_uri(reverse("calls:download", args=[call.pk])),
            "filename": call.original_filename,
            "sha256": call.sha256,
        }
    return {
        "id": call.pk,
        "url": request.build_absolute_uri(call_path(call, "fr")),
        "title": call.title,
        "call_type": call.call_type,
        "status": call.status,
        "is_open": call.is_open_at(now),
        "organization": {"slug": call.organization.slug, "name": call.organization.name},
        "issuer": call.issuer,
        "project": call.project,
        "partners_funders": _as_strings(call.partners_funders),
        "reference": call.reference,
        "deadline": _local(call.deadline),
        "deadline_has_time": call.deadline_has_time,
        "deadline_text": call.deadline_text,
        "timezone": call.timezone,
        "submission_emails": _as_strings(call.submission_emails),
        "contact_emails": _as_strings(call.contact_emails),
        "email_subject": call.email_subject,
        "required_documents": _as_strings(call.required_documents),
        "deliverables": _as_strings(call.deliverables),
        "locations": _as_strings(call.locations),
        "territories": [t.code for t in call.territories.all()],
        "duration_days": float(call.duration_days) if call.duration_days is not None else None,
        "languages": _as_strings(call.languages),
        "participants": call.participants,
        "document_language": call.document_language,
        "objectives": _as_strings(call.objectives),
        "tasks": _as_strings(call.tasks),
        "profile": _as_strings(call.profile),
        "document": document,
        "published_at": _local(call.published_at),
        "updated_at": _local(call.updated_at),
    }


def _page_url(request: HttpRequest, offset: int) -> str:
    params = request.GET.copy()
    params["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def paginate(request: HttpRequest, queryset: QuerySet[Any], *, limit: int, offset: int) -> dict[str, Any]:
    """One page of ``queryset`` with its total and the links to its neighbours."""
    count = queryset.count()
    rows = list(queryset[offset : offset + limit])
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _page_url(request, offset + limit) if offset + limit < count else None,
        "previous": _page_url(request, max(offset - limit, 0)) if offset > 0 else None,
        "rows": rows,
    }


def public_calls() -> QuerySet[Call]:
    """Every public call, whoever asks (the API shows no drafts, even to their authors)."""
    return (
        Call.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization")
        .prefetch_related("territories")
        .without_document()
    )


def organization_out(org: Organization) -> dict[str, Any]:
    return {
        "slug": org.slug,
        "name": org.name,
        "name_ar": org.name_ar,
        "acronym": org.acronym,
        "website": org.website,
        "public_calls": org.public_calls,  # type: ignore[attr-defined]
        "calls_url": f"{reverse('api:list_calls')}?issuer={org.slug}",
    }


def territory_out(territory: Territory) -> dict[str, Any]:
    return {
        "code": territory.code,
        "kind": territory.kind,
        "name_fr": territory.name_fr,
        "name_ar": territory.name_ar,
        "parent": territory.parent.code if territory.parent else None,
    }


# Parameter descriptions are for the OpenAPI description (developers), in English.
def _limit() -> Any:
    return Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 100).")


def _offset() -> Any:
    return Query(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


def _filter(description: str) -> Any:
    return Query("", max_length=FILTER_MAX_LENGTH, description=description)


# --- endpoints -------------------------------------------------------------------


@api.get("/calls", response=CallPage, tags=["calls"], url_name="list_calls", summary="Search public calls")
def list_calls(
    request: HttpRequest,
    q: str = _filter("Full-text search words."),
    type: str = _filter(f"Call type: {', '.join(CallType.values)}."),
    region: str = _filter("Territory code of a region."),
    province: str = _filter("Territory code of a province or prefecture."),
    issuer: str = _filter("Slug of the issuing organisation."),
    funder: str = _filter("A partner or funder's name."),
    language: str = _filter("ISO 639-1 code of a working language."),
    state: str = _filter("'open', 'closed' or empty for both."),
    deadline_after: Annotated[date | None, Query(description="Deadline on or after this date.")] = None,
    deadline_before: Annotated[date | None, Query(description="Deadline on or before this date.")] = None,
    limit: int = _limit(),
    offset: int = _offset(),
) -> dict[str, Any]:
    """The catalogue search with the pages' filters (same parameter names),
    open calls first by nearest deadline, then closed ones."""
    calls = search_calls(catalogue_query(request)).prefetch_related("territories")
    page = paginate(request, calls, limit=limit, offset=offset)
    page["items"] = [call_out(request, call) for call in page.pop("rows")]
    return page


@api.get(
    "/calls/{call_id}",
    response={200: CallOut, 404: Error},
    tags=["calls"],
    url_name="get_call",
    summary="One public call",
)
def get_call(request: HttpRequest, call_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """A public call by id; drafts and cancelled calls are 404 like missing ones."""
    call = public_calls().filter(pk=call_id).first()
    if call is None:
        return Status(404, {"detail": str(_("No public call with this id."))})
    return call_out(request, call)


@api.get(
    "/organizations",
    response=OrganizationPage,
    tags=["organizations"],
    url_name="list_organizations",
    summary="Organisations that published calls",
)
def list_organizations(
    request: HttpRequest, limit: int = _limit(), offset: int = _offset()
) -> dict[str, Any]:
    """The organisations with at least one public call, by name."""
    page = paginate(request, public_organizations(), limit=limit, offset=offset)
    page["items"] = [organization_out(org) for org in page.pop("rows")]
    return page


@api.get(
    "/organizations/{slug}",
    response={200: OrganizationOut, 404: Error},
    tags=["organizations"],
    url_name="get_organization",
    summary="One organisation",
)
def get_organization(request: HttpRequest, slug: str = Path(..., max_length=60)) -> Any:
    """An organisation that published calls, by its short name."""
    org = public_organizations().filter(slug=slug).first()
    if org is None:
        return Status(404, {"detail": str(_("No organisation with this short name."))})
    return organization_out(org)


@api.get(
    "/territories",
    response=TerritoryPage,
    tags=["territories"],
    url_name="list_territories",
    summary="Morocco's territorial divisions",
)
def list_territories(
    request: HttpRequest,
    kind: Annotated[
        TerritoryKind | None, Query(description="region, province, prefecture or commune.")
    ] = None,
    parent: str = _filter("Code of the parent territory."),
    limit: int = _limit(),
    offset: int = _offset(),
) -> dict[str, Any]:
    """Regions, provinces and prefectures, communes, filtered by kind and parent."""
    territories = Territory.objects.select_related("parent").order_by("kind", "code")
    if kind:
        territories = territories.filter(kind=kind)
    if parent:
        territories = territories.filter(parent__code=parent.replace("\x00", ""))
    page = paginate(request, territories, limit=limit, offset=offset)
    page["items"] = [territory_out(t) for t in page.pop("rows")]
    return page


def api_not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Unknown addresses under /api/ answer in JSON too."""
    return JsonResponse({"detail": str(_("Not found."))}, status=404)
