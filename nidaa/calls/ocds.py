"""Open Contracting Data Standard (OCDS 1.1) releases of public calls.

``/ocds/releases/<id>.json`` is one call's release package;
``/ocds/releases.json`` is every public call's, streamed call by call so that
memory stays flat however large the catalogue. Both validate against the OCDS
1.1 release package schema shipped in ``nidaa/data/ocds/`` (see its README.txt).

The ``ocid`` of a call is ``NIDAA_OCID_PREFIX`` (default ``ocds-nidaa-``)
followed by the call's id; a real deployment registers its own prefix with the
Open Contracting Partnership and sets it.
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from nidaa.calls.feeds import call_path, ocid_prefix
from nidaa.calls.models import PUBLIC_STATUSES, Call, CallStatus
from nidaa.calls.selectors import MAX_ID
from nidaa.common.ratelimit import limit_machines

OCDS_VERSION = "1.1"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "data" / "ocds"
RELEASE_SCHEMA = SCHEMA_DIR / "release-schema.json"
RELEASE_PACKAGE_SCHEMA = SCHEMA_DIR / "release-package-schema.json"

# Call status -> (release tag, tender status from the closed tenderStatus codelist).
_STAGES: dict[str, tuple[str, str]] = {
    CallStatus.PUBLISHED: ("tender", "active"),
    CallStatus.CLOSED: ("tenderUpdate", "complete"),
    CallStatus.AWARDED: ("award", "complete"),
    CallStatus.CANCELLED: ("tenderCancellation", "cancelled"),
}
_LANGUAGES = {"fr", "ar", "en"}
STREAM_CHUNK = 500

# Who knows a call's award: the evaluation app, when the call was evaluated on
# Nidaa. It registers its source when ready, so calls imports nothing above it.
# A source returns (awards, supplier parties) for an awarded call.
AwardSource = Callable[[Call], tuple[list[dict[str, Any]], list[dict[str, Any]]]]
_award_sources: list[AwardSource] = []


def add_award_source(source: AwardSource) -> None:
    """Let ``source`` add the awards of awarded calls to their releases."""
    if source not in _award_sources:
        _award_sources.append(source)


# Who knows what followed an award: the missions (their deliverables as the
# contract's implementation milestones), registered by the reports app. A
# source returns contracts for the awards the release carries.
ContractSource = Callable[[Call, list[dict[str, Any]]], list[dict[str, Any]]]
_contract_sources: list[ContractSource] = []


def add_contract_source(source: ContractSource) -> None:
    """Let ``source`` add the contracts of awarded calls to their releases."""
    if source not in _contract_sources:
        _contract_sources.append(source)


def ocid(call: Call) -> str:
    """The call's Open Contracting ID: the configured prefix and the call's id."""
    return f"{ocid_prefix()}{call.pk}"


# A prefix the Open Contracting Partnership registers: "ocds-", six letters or
# digits, "-" (libcoveocds' ocds_prefixes_bad_format rule).
REGISTERED_PREFIX = re.compile(r"ocds-[a-z0-9]{6}-\Z")


def prefix_registered(prefix: str) -> bool:
    return REGISTERED_PREFIX.match(prefix) is not None


def publisher_name() -> str:
    """The publisher, with a warning while the ocid prefix is not a registered
    one: those identifiers are not unique worldwide, and readers must know it
    (``check --deploy`` refuses such a prefix, see ``calls.checks``)."""
    name = str(getattr(settings, "NIDAA_OCDS_PUBLISHER", "Nidaa"))
    if not prefix_registered(ocid_prefix()):
        return f"{name} (unregistered ocid prefix {ocid_prefix()}: these ocids are not unique worldwide)"
    return name


def _iso(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def _release_language(call: Call) -> str:
    return call.document_language if call.document_language in _LANGUAGES else settings.LANGUAGE_CODE


def _texts(values: Any) -> list[str]:
    return [str(v).strip() for v in values if str(v).strip()] if isinstance(values, list) else []


def _parties(call: Call) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The issuer (buyer and procuring entity) and the funders."""
    org = call.organization
    buyer = {"id": f"org-{org.slug}", "name": call.issuer or org.name}
    issuer_party: dict[str, Any] = {**buyer, "roles": ["buyer", "procuringEntity"]}
    if org.website:
        issuer_party["details"] = {"url": org.website}
    parties = [issuer_party]
    seen = {buyer["id"]}
    for n, name in enumerate(_texts(call.partners_funders), start=1):
        party_id = f"funder-{slugify(name) or n}"
        if party_id in seen:
            party_id = f"funder-{n}"
        seen.add(party_id)
        parties.append({"id": party_id, "name": name, "roles": ["funder"]})
    return buyer, parties


def _submission_details(call: Call) -> str:
    emails = _texts(call.submission_emails)
    if not emails:
        return ""
    details = _("Send the application by e-mail to %(emails)s.") % {"emails": ", ".join(emails)}
    if call.email_subject:
        details += " " + _("Required subject: %(subject)s") % {"subject": call.email_subject}
    return details


def call_link(call: Call, *, base_url: str) -> str:
    """The call's public page (in French), absolute."""
    return base_url + call_path(call, "fr")


def _documents(call: Call, base_url: str) -> list[dict[str, Any]]:
    """The call's page on Nidaa and, when there is one, the original ToR."""
    notice: dict[str, Any] = {
        "id": "notice",
        "documentType": "tenderNotice",
        "title": call.title,
        "url": call_link(call, base_url=base_url),
        "format": "text/html",
    }
    if not call.file:
        return [notice]
    filename = call.original_filename or call.file.name
    document: dict[str, Any] = {
        "id": f"tor-{call.sha256[:16]}" if call.sha256 else "tor",
        "documentType": "tenderNotice",
        "title": filename,
        "url": base_url + reverse("calls:download", args=[call.pk]),
    }
    mime, _encoding = mimetypes.guess_type(filename)
    if mime:
        document["format"] = mime
    if call.document_language in _LANGUAGES:
        document["language"] = call.document_language
        notice["language"] = call.document_language
    return [notice, document]


def build_release(call: Call, *, base_url: str) -> dict[str, Any]:
    """The OCDS 1.1 release of one call as it is now (``base_url`` is the
    scheme and host, e.g. ``https://nidaa.example.org``)."""
    language = _release_language(call)
    tag, tender_status = _STAGES.get(call.status, ("tender", "active"))
    buyer, parties = _parties(call)
    with translation.override(language):
        submission_details = _submission_details(call)
    tender: dict[str, Any] = {
        "id": call.reference or str(call.pk),
        "title": call.title,
        "status": tender_status,
        "procuringEntity": buyer,
        "procurementMethod": "open",
        "mainProcurementCategory": "services",
        "submissionMethod": ["electronicSubmission"],
    }
    description = "\n".join([call.project, *_texts(call.objectives)]).strip()
    if description:
        tender["description"] = description
    if submission_details:
        tender["submissionMethodDetails"] = submission_details
    profile = _texts(call.profile)
    if profile:
        tender["eligibilityCriteria"] = "\n".join(profile)
    period: dict[str, Any] = {}
    if call.published_at:
        period["startDate"] = _iso(call.published_at)
    if call.deadline:
        period["endDate"] = _iso(call.deadline)
    if period:
        tender["tenderPeriod"] = period
    documents = _documents(call, base_url)
    if documents:
        tender["documents"] = documents
    awards: list[dict[str, Any]] = []
    if call.status == CallStatus.AWARDED:
        for source in _award_sources:
            found, suppliers = source(call)
            awards = [*awards, *found]
            parties = [*parties, *suppliers]
    contracts: list[dict[str, Any]] = []
    if awards:
        for contract_source in _contract_sources:
            contracts = [*contracts, *contract_source(call, awards)]
    release = {
        "ocid": ocid(call),
        # One release per state of the call: its id changes whenever the call does.
        "id": f"{ocid(call)}-{call.updated_at.astimezone(UTC):%Y%m%dT%H%M%S%fZ}",
        "date": _iso(call.updated_at),
        "tag": [tag, "contract", "implementation"] if contracts else [tag],
        "initiationType": "tender",
        "language": language,
        "parties": parties,
        "buyer": buyer,
        "tender": tender,
    }
    if awards:
        release["awards"] = awards
    if contracts:
        release["contracts"] = contracts
    return release


def _package_head(uri: str) -> dict[str, Any]:
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": _iso(timezone.now()),
        "publisher": {"name": publisher_name()},
    }


def build_release_package(calls: list[Call], *, uri: str, base_url: str) -> dict[str, Any]:
    """A release package of these calls' releases."""
    return {**_package_head(uri), "releases": [build_release(c, base_url=base_url) for c in calls]}


def ocds_calls() -> QuerySet[Call]:
    """The calls OCDS publishes: every public one, oldest first (stable order)."""
    return (
        Call.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("organization")
        .without_document()
        .order_by("pk")
    )


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def stream_release_package(calls: QuerySet[Call], *, uri: str, base_url: str) -> Iterator[str]:
    """The release package as JSON text, one release at a time."""
    head = json.dumps(_package_head(uri), ensure_ascii=False)
    yield head[:-1] + ', "releases": ['
    for n, call in enumerate(calls.iterator(chunk_size=STREAM_CHUNK)):
        yield ("," if n else "") + json.dumps(build_release(call, base_url=base_url), ensure_ascii=False)
    yield "]}"


@limit_machines("json")
def releases(request: HttpRequest) -> StreamingHttpResponse:
    """``/ocds/releases.json``: the release package of every public call."""
    body = stream_release_package(ocds_calls(), uri=request.build_absolute_uri(), base_url=_base_url(request))
    return StreamingHttpResponse(body, content_type="application/json; charset=utf-8")


@limit_machines("json")
def release(request: HttpRequest, call_id: int) -> HttpResponse:
    """``/ocds/releases/<id>.json``: one public call's release package."""
    call = ocds_calls().filter(pk=call_id).first() if call_id <= MAX_ID else None
    if call is None:
        return JsonResponse({"detail": _("No public call with this id.")}, status=404)
    package = build_release_package([call], uri=request.build_absolute_uri(), base_url=_base_url(request))
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False})
