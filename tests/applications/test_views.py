from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from nidaa.applications.models import Application
from nidaa.applications.services import submit_application
from nidaa.calls.models import CallStatus
from tests.applications.conftest import docx_upload, pdf_upload
from tests.conftest import client_for
from tests.factories import CallFactory, UserFactory

IDENTITY = {"applicant_kind": "person", "applicant_name": "Amina Benali"}


def test_anonymous_visitor_is_sent_to_login(call, anon_client):
    for url in (reverse("applications:apply", args=[call.pk]), reverse("applications:mine")):
        response = anon_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_form_has_one_upload_slot_per_required_piece(call, applicant_client):
    response = applicant_client.get(reverse("applications:apply", args=[call.pk]))

    assert response.status_code == 200
    fields = list(response.context["form"].fields)
    assert fields[-2:] == ["cv", "cover_letter"]
    assert [name for name in fields if name in {"cv", "cover_letter", "other:attestation de TVA"}] == [
        "cv",
        "cover_letter",
    ]
    assert b'name="csrfmiddlewaretoken"' in response.content
    assert b'type="file" name="cv"' in response.content


def test_submission_shows_the_receipt_number(
    call, applicant, applicant_client, django_capture_on_commit_callbacks
):
    url = reverse("applications:apply", args=[call.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant_client.post(url, {**IDENTITY, "cv": pdf_upload(), "cover_letter": docx_upload()})

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("applications:receipt", args=[application.pk])
    page = applicant_client.get(response["Location"])
    assert application.receipt_number in page.content.decode()


def test_incomplete_submission_names_the_missing_piece(call, applicant_client):
    url = reverse("applications:apply", args=[call.pk])
    response = applicant_client.post(url, {**IDENTITY, "cv": pdf_upload()})

    assert response.status_code == 400
    assert response.context["form"].errors == {"cover_letter": ["Pièce manquante : Lettre de motivation."]}
    # Nothing is submitted; the acceptable files wait in a draft (issue 12).
    assert list(Application.objects.values_list("status", flat=True)) == ["draft"]


def test_late_request_is_refused_with_a_clear_message(applicant_client):
    call = CallFactory(
        status=CallStatus.PUBLISHED,
        deadline=timezone.now() - timedelta(seconds=1),
        required_documents=["cv"],
    )
    response = applicant_client.post(
        reverse("applications:apply", args=[call.pk]), {**IDENTITY, "cv": pdf_upload()}
    )

    assert response.status_code == 400
    assert (
        response.context["error"] == "La date limite est dépassée : les candidatures ne sont plus acceptées."
    )
    assert Application.objects.count() == 0


def test_another_applicant_does_not_see_someone_elses_application(call, applicant):
    version = submit_application(
        call=call, applicant=applicant, files={"cv": pdf_upload(), "cover_letter": docx_upload()}
    )
    receipt = version.application.receipt_number
    other = client_for(UserFactory(username="karim"))

    mine = other.get(reverse("applications:mine"))
    assert mine.status_code == 200
    assert list(mine.context["applications"]) == []
    assert receipt not in mine.content.decode()
    assert other.get(reverse("applications:receipt", args=[version.application_id])).status_code == 404
    own = client_for(applicant).get(reverse("applications:mine"))
    assert [a.receipt_number for a in own.context["applications"]] == [receipt]
    assert receipt in own.content.decode()


def test_call_page_links_to_the_online_form_while_open(call, anon_client):
    page = anon_client.get(reverse("calls:detail", args=[call.pk])).content.decode()
    assert f'href="{reverse("applications:apply", args=[call.pk])}"' in page


def test_my_applications_page_costs_the_same_queries_for_one_or_five_applications(
    applicant, applicant_client, django_assert_max_num_queries
):
    def add_applications(count):
        for _ in range(count):
            call = CallFactory(status=CallStatus.PUBLISHED, required_documents=["cv"])
            submit_application(call=call, applicant=applicant, files={"cv": pdf_upload()})

    add_applications(1)
    with django_assert_max_num_queries(8):
        assert applicant_client.get(reverse("applications:mine")).status_code == 200
    add_applications(4)
    with django_assert_max_num_queries(8):
        response = applicant_client.get(reverse("applications:mine"))
    assert len(response.context["applications"]) == 5


def test_bidi_overrides_typed_in_an_applicants_name_are_dropped(call, applicant_client):
    # Issue 10, item 15: the name reached the issuer's xlsx and digest e-mails raw.
    url = reverse("applications:apply", args=[call.pk])
    identity = {**IDENTITY, "applicant_name": "Amina \u202eilanеB\u202c", "phone": "\u200e0612345678"}

    response = applicant_client.post(url, {**identity, "cv": pdf_upload(), "cover_letter": docx_upload()})

    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.applicant_name, application.phone) == ("Amina ilanеB", "0612345678")


def test_a_name_made_only_of_bidi_overrides_is_no_name(call, applicant_client):
    url = reverse("applications:apply", args=[call.pk])

    response = applicant_client.post(
        url, {**IDENTITY, "applicant_name": "\u202e\u202c", "cv": pdf_upload(), "cover_letter": docx_upload()}
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["applicant_name"]
    # Nothing is submitted; the acceptable files wait in a draft (issue 12).
    assert list(Application.objects.values_list("status", flat=True)) == ["draft"]
