"""The issuer's pages: a call's applications (sealed or opened), an
application's page, and the link from the call's page."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from nidaa.applications.models import ApplicationFile
from nidaa.calls.models import CallStatus
from tests.applications.conftest import PDF
from tests.applications.issuer_helpers import (
    assigned_evaluator,
    draft_application,
    draft_file,
    emailed_application,
    issuer_call,
    web_application,
)
from tests.conftest import client_for
from tests.factories import UserFactory

CASABLANCA = ZoneInfo("Africa/Casablanca")


def _en(url: str) -> str:
    return "/en" + url[3:]


@pytest.fixture
def amina(db):
    return UserFactory(
        username="amina", email="amina@example.org", first_name="Amina", last_name="El Idrissi"
    )


@pytest.fixture
def karim(db):
    return UserFactory(username="karim", email="karim@example.org", first_name="Karim", last_name="Bennani")


# --- sealed ---------------------------------------------------------------


def test_sealed_call_shows_how_many_arrived_and_when_they_open_nothing_else(org, owner, amina, karim):
    call = issuer_call(org, opened=False, deadline=datetime(2099, 3, 10, 23, 59, tzinfo=CASABLANCA))
    web_application(call, amina)
    web_application(call, karim)
    draft_application(call, UserFactory(username="hind"))

    response = client_for(owner).get(_en(reverse("applications:call_applications", args=[call.pk])))

    assert response.status_code == 200
    assert response.context["count"] == 2
    assert "table" not in response.context
    page = response.content.decode()
    assert "2 applications have arrived." in page
    assert (
        "They can be opened once the deadline has passed: after 10 March 2099, 23:59 (Morocco time)." in page
    )
    for secret in (
        "Amina",
        "Karim",
        "Brouillon",
        "amina@example.org",
        "NDA-",
        "Pieces received",
        ".zip",
        ".xlsx",
    ):
        assert secret not in page


def test_sealed_call_without_deadline_says_it_opens_when_closed(org, owner, amina):
    call = issuer_call(org, opened=False, deadline=None)
    web_application(call, amina, at=timezone.now())

    response = client_for(owner).get(_en(reverse("applications:call_applications", args=[call.pk])))

    assert response.context["count"] == 1
    assert "This call has no deadline: its applications can be opened once it is closed." in (
        response.content.decode()
    )
    call.status = CallStatus.CLOSED
    call.save(update_fields=["status"])
    response = client_for(owner).get(_en(reverse("applications:call_applications", args=[call.pk])))
    assert len(response.context["table"].rows) == 1


def test_call_not_sealed_by_its_issuer_opens_before_the_deadline(org, owner, amina):
    call = issuer_call(org, opened=False, sealed=False)
    version = web_application(call, amina, at=timezone.now())
    client = client_for(owner)

    response = client.get(_en(reverse("applications:call_applications", args=[call.pk])))

    assert [row.application for row in response.context["table"].rows] == [version.application]
    assert (
        client.get(reverse("applications:issuer_application", args=[version.application_id])).status_code
        == 200
    )
    assert client.get(reverse("applications:call_zip", args=[call.pk])).status_code == 200


def test_the_same_call_opens_the_moment_its_deadline_has_passed(org, owner, amina):
    call = issuer_call(org, opened=False)
    version = web_application(call, amina, at=timezone.now())
    client = client_for(owner)
    url = reverse("applications:issuer_application", args=[version.application_id])
    assert client.get(url).status_code == 404

    call.deadline = timezone.now() - timedelta(seconds=1)
    call.save(update_fields=["deadline"])

    assert client.get(url).status_code == 200


# --- opened ---------------------------------------------------------------


@pytest.fixture
def opened(org):
    return issuer_call(
        org,
        opened=True,
        deadline=datetime(2025, 1, 15, 23, 59, tzinfo=CASABLANCA),
        required_documents=["cv", "cover_letter", "methodology_note", "other:attestation de TVA"],
    )


def _three_applications(opened, amina, karim):
    full = web_application(
        opened,
        amina,
        files={
            "cv": _pdf("cv.pdf"),
            "cover_letter": _pdf("lettre.pdf"),
            "methodology_note": _pdf("note.pdf"),
        },
        at=opened.deadline - timedelta(hours=3),
    )
    again = web_application(
        opened,
        karim,
        files={"cv": _pdf("cv-k.pdf"), "cover_letter": _pdf("l-k.pdf"), "methodology_note": _pdf("n-k.pdf")},
        at=opened.deadline - timedelta(hours=2),
    )
    web_application(
        opened,
        karim,
        files={
            "cv": _pdf("cv-k2.pdf"),
            "cover_letter": _pdf("l-k2.pdf"),
            "methodology_note": _pdf("n-k2.pdf"),
        },
        at=opened.deadline - timedelta(hours=1),
    )
    mailed = emailed_application(
        opened, email="said@example.net", name="سعيد بناني", files={"cv": ("سيرة.pdf", PDF)}, late=True
    )
    draft_application(opened, UserFactory(username="hind"))
    return full, again, mailed


def _pdf(name):
    from tests.applications.conftest import pdf_upload

    return pdf_upload(name)


def test_opened_call_lists_applications_with_flags_and_counts(opened, owner, amina, karim):
    full, again, mailed = _three_applications(opened, amina, karim)

    response = client_for(owner).get(_en(reverse("applications:call_applications", args=[opened.pk])))

    table = response.context["table"]
    rows = [
        (
            row.application.receipt_number,
            row.applicant,
            row.channel,
            row.received_at.isoformat(),
            row.missing,
            row.application.is_late,
            row.application.version_count,
        )
        for row in table.rows
    ]
    assert rows == [
        (
            full.application.receipt_number,
            "Amina El Idrissi",
            "Web",
            "2025-01-15T20:59:00+01:00",
            [],
            False,
            1,
        ),
        (again.application.receipt_number, "Karim Bennani", "Web", "2025-01-15T22:59:00+01:00", [], False, 2),
        (
            mailed.application.receipt_number,
            "سعيد بناني",
            "E-mail",
            "2025-01-16T00:59:00+01:00",
            ["Cover letter", "Methodology note"],
            True,
            1,
        ),
    ]
    assert (len(table.rows), table.complete, table.incomplete, table.late) == (3, 2, 1, 1)
    assert table.by_channel == [("Web", 2), ("E-mail", 1)]
    assert table.by_piece == [("CV", 3), ("Cover letter", 2), ("Methodology note", 2)]
    page = response.content.decode()
    assert "15 January 2025, 22:59" in page
    assert "missing: Cover letter, Methodology note" in page
    assert "Hind" not in page and "hind" not in page
    assert reverse("applications:call_zip", args=[opened.pk]).removeprefix("/fr") in page
    assert reverse("applications:call_xlsx", args=[opened.pk]).removeprefix("/fr") in page
    assert f"{reverse('applications:issuer_application', args=[mailed.application_id])[3:]}" in page
    # In Arabic, the names are a list as Arabic writes it.
    arabic = client_for(owner).get("/ar" + reverse("applications:call_applications", args=[opened.pk])[3:])
    assert "الوثائق الناقصة: رسالة التحفيز، المذكرة المنهجية" in arabic.content.decode()


def test_application_page_shows_identity_every_version_and_the_audit(opened, owner, amina, karim):
    _full, again, _mailed = _three_applications(opened, amina, karim)
    application = again.application
    draft_file(application, name="prochaine-version.pdf")
    type(application).objects.filter(pk=application.pk).update(
        applicant_kind="firm", firm_name="Cabinet Atlas", phone="+212 600 000 000", languages=["ar", "zgh"]
    )

    response = client_for(owner).get(_en(reverse("applications:issuer_application", args=[application.pk])))

    assert response.status_code == 200
    versions = response.context["versions"]
    assert [(v["version"].number, v["version"].is_latest) for v in versions] == [(2, True), (1, False)]
    assert [[f["record"].original_name for f in v["files"]] for v in versions] == [
        ["l-k2.pdf", "cv-k2.pdf", "n-k2.pdf"],
        ["l-k.pdf", "cv-k.pdf", "n-k.pdf"],
    ]
    page = response.content.decode()
    assert "Karim Bennani" in page
    assert "<dt>Applying as</dt><dd>Firm or organisation</dd>" in page
    assert '<dd dir="auto">Cabinet Atlas</dd>' in page
    assert '<dd dir="ltr">+212 600 000 000</dd>' in page
    assert "<dt>Languages</dt><dd>Arabic, Amazigh (Tamazight)</dd>" in page
    assert "karim@example.org" in page
    assert "Version 2, received on 15 January 2025, 22:59:00" in page
    assert "latest, the one that counts" in page
    assert "prochaine-version.pdf" not in page
    # Only the latest version's files are links; every version shows its hashes.
    latest = {
        f.original_name: f
        for f in ApplicationFile.objects.filter(version__is_latest=True, application=application)
    }
    for record in ApplicationFile.objects.filter(application=application, version__isnull=False):
        assert record.sha256 in page
        link = reverse("applications:file", args=[record.pk])[3:]
        assert (link in page) is (record.original_name in latest)
    assert [(entry["action"], entry["version"]) for entry in response.context["audit"]] == [
        ("Submitted", 2),
        ("Submitted", 1),
    ]
    assert page.count(": karim, Submitted (version ") == 2


# --- the link from the call's page ----------------------------------------


def test_call_page_links_to_the_applications_with_their_number(
    opened, org, owner, member, evaluator, amina, karim
):
    _three_applications(opened, amina, karim)
    assessor = assigned_evaluator(org, opened)
    url = _en(reverse("calls:detail", args=[opened.pk]))
    link = (
        f'<a class="button secondary" href="{_en(reverse("applications:call_applications", args=[opened.pk]))}">'
        "Applications (3)</a>"
    )

    for user in (owner, member, assessor):
        assert link in client_for(user).get(url).content.decode()
    for user in (evaluator, amina, None):
        page = client_for(user).get(url).content.decode()
        assert "Applications (" not in page


def test_call_page_link_counts_submitted_applications_even_while_sealed(org, owner, amina):
    call = issuer_call(org, opened=False)
    web_application(call, amina)
    draft_application(call, UserFactory(username="hind"))

    page = client_for(owner).get(_en(reverse("calls:detail", args=[call.pk]))).content.decode()

    assert "Applications (1)</a>" in page
