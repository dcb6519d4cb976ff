import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from nidaa.calls.models import Call
from nidaa.calls.services import import_tor
from nidaa.common.models import AuditEntry
from nidaa.directory.models import Territory
from nidaa.tor.document import ReadError
from tests.calls.conftest import TOR_TEXT, fake_fields, fake_read_and_extract

DATA = TOR_TEXT.encode()
SHA = hashlib.sha256(DATA).hexdigest()


def test_original_file_is_stored_under_its_sha256_never_its_name(fake_extractor, org, member):
    call = import_tor(organization=org, data=DATA, filename="../../etc/TdR Formateur (v2).TXT", actor=member)
    assert call.sha256 == SHA
    assert call.file.name == f"tor/{SHA[:2]}/{SHA}.txt"
    assert call.original_filename == "TdR Formateur (v2).TXT"
    assert (Path(settings.MEDIA_ROOT) / call.file.name).read_bytes() == DATA
    assert not list(Path(settings.MEDIA_ROOT).rglob("*Formateur*"))


def test_import_maps_fields_and_creates_a_draft(fake_extractor, org, member):
    call = import_tor(organization=org, data=DATA, filename="tdr.txt", actor=member)
    call.refresh_from_db()
    assert call.status == "draft"
    assert call.organization == org
    assert call.created_by == member
    assert call.title == "Recrutement d'un formateur pour un atelier sur la gouvernance locale"
    assert call.call_type == "trainer"
    assert call.deadline == datetime(2026, 12, 15, 23, 59, tzinfo=ZoneInfo("Africa/Casablanca"))
    assert call.deadline_has_time is True
    assert call.submission_emails == ["recrutement@example.org"]
    assert call.text == TOR_TEXT
    assert call.extraction["evidence"]["title"] == [{"start": 28, "end": 96}]
    assert AuditEntry.objects.filter(object_id=call.pk, action="import").count() == 1


def test_date_only_deadline_means_2359_in_the_call_time_zone(monkeypatch, org, member):
    def extract(data, filename):
        document, fields = fake_read_and_extract(data, filename)
        fields["deadline"] = "2026-12-15"
        return document, fields

    monkeypatch.setattr("nidaa.calls.services.read_tor_within_budget", extract)
    call = import_tor(organization=org, data=DATA, filename="tdr.txt", actor=member)
    assert call.deadline == datetime(2026, 12, 15, 23, 59, tzinfo=ZoneInfo("Africa/Casablanca"))
    assert call.deadline_has_time is False


def test_territories_are_linked_from_location_codes(monkeypatch, org, member):
    fes = Territory.objects.create(code="TEST-FES", kind="commune", name_fr="Fès", name_ar="فاس")
    Territory.objects.create(code="TEST-OTHER", kind="commune", name_fr="Autre", name_ar="أخرى")

    def extract(data, filename):
        document, fields = fake_read_and_extract(data, filename)
        fields["location_codes"] = ["TEST-FES", "UNKNOWN"]
        return document, fields

    monkeypatch.setattr("nidaa.calls.services.read_tor_within_budget", extract)
    call = import_tor(organization=org, data=DATA, filename="tdr.txt", actor=member)
    assert list(call.territories.all()) == [fes]


def test_import_with_publish_publishes(fake_extractor, org, member):
    call = import_tor(organization=org, data=DATA, filename="tdr.txt", actor=member, publish=True)
    assert call.status == "published"


def test_unreadable_document_raises_read_error_and_stores_nothing(monkeypatch, org, member):
    def refuse(data, filename):
        raise ReadError("needs_ocr", "scanned: needs OCR")

    monkeypatch.setattr("nidaa.calls.services.read_tor_within_budget", refuse)
    with pytest.raises(ReadError) as raised:
        import_tor(organization=org, data=b"%PDF-1.4", filename="scan.pdf", actor=member)
    assert raised.value.code == "needs_ocr"
    assert Call.objects.count() == 0
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.pdf"))


def test_document_over_the_size_limit_is_refused(fake_extractor, settings, org, member):
    settings.NIDAA_TOR_MAX_BYTES = 10
    with pytest.raises(ReadError) as raised:
        import_tor(organization=org, data=DATA, filename="tdr.txt", actor=member)
    assert raised.value.code == "too_large"


def test_missing_title_falls_back_to_the_file_name(monkeypatch, org, member):
    def extract(data, filename):
        document, _ = fake_read_and_extract(data, filename)
        return document, {**fake_fields(""), "title": None, "call_type": "nonsense"}

    monkeypatch.setattr("nidaa.calls.services.read_tor_within_budget", extract)
    call = import_tor(organization=org, data=DATA, filename="TdR-atelier.docx", actor=member)
    assert call.title == "TdR-atelier"
    assert call.call_type == "other"
