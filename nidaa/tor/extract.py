"""Read a call's fields from its normalised text, each with the passage it came from.

``extract_fields(text)`` returns every key of ``schemas/tor-extraction.md``
(without ``source``) plus ``objectives``, ``tasks``, ``profile``,
``location_codes``, ``deadline_timezone``, ``evidence`` ({field: [{start,
end}]}, offsets into ``text``) and ``confidence`` ({field: 0..1}). Fields the
text does not state are null or []: nothing is guessed.

The reader generalises from how calls are written, not from particular
calls: the text is cut into sections by headings whose role comes from
multilingual keywords (``sections``), dates are read by ``dates``, and each
field family has its module under ``nidaa.tor.fields``, beside its cue words.
This module runs them in order: later readers use earlier fields (the call
type reads the title, the deliverables the call type). Plain Python, no Django.
"""

from __future__ import annotations

from typing import Any

from nidaa.tor.dates import find_dates
from nidaa.tor.fields.call_type import read_call_type
from nidaa.tor.fields.common import Doc
from nidaa.tor.fields.deadline import read_deadline
from nidaa.tor.fields.documents import read_deliverables, read_list_field, read_required_documents
from nidaa.tor.fields.emails import read_emails
from nidaa.tor.fields.issuer import read_issuer
from nidaa.tor.fields.languages import read_document_language, read_languages
from nidaa.tor.fields.locations import read_locations
from nidaa.tor.fields.numbers import read_duration, read_participants
from nidaa.tor.fields.project import read_partners, read_project
from nidaa.tor.fields.reference import read_reference, read_subject
from nidaa.tor.fields.title import read_title
from nidaa.tor.places import Gazetteer, default_gazetteer
from nidaa.tor.sections import segment
from nidaa.tor.text import Views

LIST_KEYS = (
    "partners_funders",
    "submission_emails",
    "contact_emails",
    "required_documents",
    "deliverables",
    "locations",
    "location_codes",
    "languages",
    "objectives",
    "tasks",
    "profile",
)


SCALAR_KEYS = (
    "title",
    "call_type",
    "issuer",
    "project",
    "reference",
    "deadline",
    "deadline_text",
    "deadline_timezone",
    "email_subject",
    "duration_days",
    "participants",
    "document_language",
)


def extract_fields(text: str, *, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """Every contract field of the call in ``text`` with evidence spans and confidences."""
    views = Views.of(text)
    if gazetteer is None:
        try:
            gazetteer = default_gazetteer()
        except (OSError, ValueError, KeyError):
            gazetteer = None
    doc = Doc(views, segment(views), gazetteer)
    dates = find_dates(text, folded=views.folded)

    read_emails(doc)
    read_deadline(doc, dates)
    read_reference(doc)
    read_subject(doc)
    read_required_documents(doc)
    read_title(doc)
    read_call_type(doc)
    read_issuer(doc)
    read_project(doc)
    read_partners(doc)
    read_deliverables(doc, doc.fields.get("call_type"))
    read_list_field(doc, "objectives", ("objectives",))
    read_list_field(doc, "tasks", ("tasks",))
    read_list_field(doc, "profile", ("profile",))
    read_locations(doc)
    read_duration(doc)
    read_participants(doc)
    read_languages(doc)
    read_document_language(doc)

    fields: dict[str, Any] = {key: doc.fields.get(key) for key in SCALAR_KEYS}
    fields.update({key: doc.fields.get(key) or [] for key in LIST_KEYS})
    fields["evidence"] = {
        name: [{"start": a, "end": b} for a, b in spans]
        for name, spans in doc.evidence.items()
        if fields.get(name)
    }
    fields["confidence"] = {name: value for name, value in doc.confidence.items() if fields.get(name)}
    return fields
