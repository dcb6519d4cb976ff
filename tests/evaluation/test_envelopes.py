"""The second envelope: a financial offer's file is neither listed nor
downloadable by the issuer's staff or the committee until the chair closes
the technical evaluation, and then only for the technically qualified. The
applicant always has their own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from nidaa.applications.models import ApplicationChannel
from nidaa.applications.services import record_version, stored_file
from nidaa.evaluation.decisions import close_technical
from nidaa.evaluation.models import EnvelopeOpening
from nidaa.evaluation.sheets import import_scores
from tests.conftest import client_for
from tests.evaluation.conftest import score_rows
from tests.factories import UserFactory

COLUMNS = ("evaluator", "application", "criterion", "score", "comment", "conflict")
OFFER = b"%PDF-1.4\n% offre financiere 150000 MAD\n%%EOF\n"


@pytest.fixture
def offers(call, applications):
    files = {}
    for receipt in ("R1", "R3"):
        application = applications[receipt]
        cv = stored_file(piece="cv", upload=ContentFile(b"%PDF-1.4\n% cv\n%%EOF\n", name="cv.pdf"))
        files[receipt] = stored_file(
            piece="financial_offer", upload=ContentFile(OFFER + receipt.encode(), name="offre.pdf")
        )
        record_version(
            application=application, received_at=call.deadline - timedelta(hours=4),
            channel=ApplicationChannel.WEB, actor=None, files=[cv, files[receipt]],
        )  # fmt: skip
    return files


def download(user, record):
    return client_for(user).get(reverse("applications:file", args=[record.pk])).status_code


def test_offers_stay_closed_until_the_technical_close_then_open_for_the_qualified(
    call, graded, applications, offers, owner, committee
):
    chair = committee["c"]
    assert (download(owner, offers["R1"]), download(chair, offers["R1"])) == (404, 404)
    zipped = client_for(owner).get(reverse("applications:call_zip", args=[call.pk]))
    assert b"offre" not in b"".join(zipped.streaming_content)
    issuer_page = client_for(owner).get(
        reverse("applications:issuer_application", args=[applications["R1"].pk])
    )
    assert "offre.pdf" not in issuer_page.content.decode() and "cv.pdf" in issuer_page.content.decode()

    import_scores(
        call=call,
        rows=[(n, dict(zip(COLUMNS, r, strict=True))) for n, r in enumerate(score_rows(), 2)],
        actor=None,
    )
    close_technical(call=call, actor=None)
    assert list(
        EnvelopeOpening.objects.values_list("application__receipt_number", flat=True).order_by(
            "application__receipt_number"
        )
    ) == ["R1", "R2"]
    assert (download(owner, offers["R1"]), download(chair, offers["R1"])) == (200, 200)
    # R3 is under the pass mark: its envelope stays closed.
    assert (download(owner, offers["R3"]), download(chair, offers["R3"])) == (404, 404)


def test_the_applicant_always_downloads_their_own_offer(call, applications, offers):
    applicant = UserFactory(username="r1-applicant")
    r1 = applications["R1"]
    r1.applicant = applicant
    r1.save(update_fields=["applicant"])
    assert download(applicant, offers["R1"]) == 200


def test_a_call_the_committee_does_not_evaluate_here_opens_its_offers_with_the_rest(
    call, applications, offers, owner
):
    """No grid, no second envelope: an issuer who scores elsewhere gets the
    offers after the deadline, as before evaluation existed."""
    assert download(owner, offers["R1"]) == 200
    zipped = client_for(owner).get(reverse("applications:call_zip", args=[call.pk]))
    assert b"offre" in b"".join(zipped.streaming_content)
