"""Placeholder until the field extractor lands: every contract key, nothing read."""

from __future__ import annotations

from typing import Any

from nidaa.tor.places import Gazetteer

LIST_FIELDS = (
    "partners_funders",
    "submission_emails",
    "contact_emails",
    "required_documents",
    "deliverables",
    "locations",
    "languages",
    "objectives",
    "tasks",
    "profile",
)
SCALAR_FIELDS = (
    "title",
    "call_type",
    "issuer",
    "project",
    "reference",
    "deadline",
    "deadline_text",
    "email_subject",
    "duration_days",
    "participants",
    "document_language",
)


def extract_fields(text: str, *, gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {key: None for key in SCALAR_FIELDS}
    fields.update({key: [] for key in LIST_FIELDS})
    fields["evidence"] = {}
    fields["confidence"] = {}
    return fields
