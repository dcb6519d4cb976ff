import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from nidaa.applications.services import submit_application
from nidaa.inbox.intake import ingest_message
from tests.applications.conftest import pdf_upload
from tests.factories import UserFactory
from tests.inbox.mail_fixtures import (
    DEADLINE,
    SUBJECT,
    as_bytes,
    build_message,
    complete_attachments,
    intake_call,
    pdf_bytes,
)

BEFORE = DEADLINE - timedelta(hours=2)


def export(*args):
    out = io.StringIO()
    call_command("applications_export", "--format", "jsonl", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def mail_in(org, message, received_at=BEFORE):
    return ingest_message(organization=org, raw=as_bytes(message), received_at=received_at)


def test_one_line_per_application_with_pieces_missing_and_message_ids(org, call):
    mail_in(org, build_message(subject=SUBJECT, attachments=[("CV.pdf", pdf_bytes("1"))], message_id="<1@x>"))
    mail_in(
        org,
        build_message(subject=SUBJECT, attachments=complete_attachments(), message_id="<2@x>"),
        received_at=DEADLINE + timedelta(minutes=1),
    )
    karim_message = build_message(
        subject=SUBJECT,
        sender=("", "karim@example.net"),
        attachments=[("السيرة الذاتية.pdf", pdf_bytes("k"))],
        message_id="<3@x>",
    )
    mail_in(org, karim_message)
    amina, karim = sorted(
        call.applications.values_list("receipt_number", "applicant_email"), key=lambda r: r[1]
    )

    lines = export("--call", str(call.pk))

    assert lines == [
        {
            "receipt": amina[0],
            "call_id": call.pk,
            "call_title": "Recrutement d'un formateur en plaidoyer",
            "applicant_name": "Amina Idrissi",
            "applicant_email": "amina@example.org",
            "channel": "email",
            "received_at": "2025-01-07T00:00:00+01:00",
            "late": True,
            "pieces": {
                "cv": ["CV Amina Idrissi.pdf"],
                "methodology_note": ["Note méthodologique.docx"],
                "financial_offer": ["Offre financière.pdf"],
            },
            "missing": [],
            "versions": 2,
            "message_ids": ["<1@x>", "<2@x>"],
        },
        {
            "receipt": karim[0],
            "call_id": call.pk,
            "call_title": "Recrutement d'un formateur en plaidoyer",
            "applicant_name": "",
            "applicant_email": "karim@example.net",
            "channel": "email",
            "received_at": "2025-01-06T21:59:00+01:00",
            "late": False,
            "pieces": {"cv": ["السيرة الذاتية.pdf"]},
            "missing": ["methodology_note", "financial_offer"],
            "versions": 1,
            "message_ids": ["<3@x>"],
        },
    ]


def test_web_application_line_names_the_user_and_has_no_message_ids(org, call):
    call.required_documents = ["cv"]
    call.save(update_fields=["required_documents"])
    user = UserFactory(username="salma", email="salma@example.org", first_name="Salma", last_name="Alaoui")
    submit_application(call=call, applicant=user, files={"cv": pdf_upload("CV Salma.pdf")}, now=BEFORE)

    (line,) = export()

    assert {
        key: line[key] for key in ("applicant_name", "applicant_email", "channel", "pieces", "message_ids")
    } == {
        "applicant_name": "Salma Alaoui",
        "applicant_email": "salma@example.org",
        "channel": "web",
        "pieces": {"cv": ["CV Salma.pdf"]},
        "message_ids": [],
    }


def test_export_is_scoped_by_call_and_organisation(org, other_org, call):
    elsewhere = intake_call(other_org)
    mail_in(org, build_message(subject=SUBJECT, message_id="<here@x>"))
    mail_in(other_org, build_message(subject=SUBJECT, message_id="<there@x>"))

    assert [line["call_id"] for line in export("--org", org.slug)] == [call.pk]
    assert [line["call_id"] for line in export("--call", str(elsewhere.pk))] == [elsewhere.pk]
    assert sorted(line["call_id"] for line in export()) == [call.pk, elsewhere.pk]


def test_triage_export_lists_the_waiting_messages(org, call):
    mail_in(org, build_message(subject=SUBJECT, message_id="<filed@x>"))
    mail_in(
        org,
        build_message(
            subject="استفسار حول طلب العروض",
            sender=("Nadia", "nadia@example.net"),
            to=["contact@example.org"],
            attachments=[("Offre financière.pdf", pdf_bytes("n"))],
            message_id="<wait@x>",
        ),
    )

    assert export("--triage", "--org", org.slug) == [
        {
            "message_id": "<wait@x>",
            "from_name": "Nadia",
            "from_email": "nadia@example.net",
            "to": ["contact@example.org"],
            "subject": "استفسار حول طلب العروض",
            "received_at": "2025-01-06T21:59:00+01:00",
            "received_source": "mbox",
            "attachments": [{"name": "Offre financière.pdf", "type": "pdf", "size": len(pdf_bytes("n"))}],
        }
    ]


def test_unknown_organisation_or_call_is_a_clear_error(org):
    with pytest.raises(CommandError, match="no such organisation"):
        export("--org", "nope")
    with pytest.raises(CommandError, match="no such call"):
        export("--call", "999999")


def test_export_queries_do_not_grow_with_the_number_of_applications(org, call, django_assert_max_num_queries):
    for n in range(30):
        mail_in(
            org,
            build_message(
                subject=SUBJECT,
                sender=(f"Candidat {n}", f"c{n}@example.net"),
                attachments=complete_attachments(str(n)),
                message_id=f"<{n}@x>",
            ),
        )

    # The organisation, then applications, their versions (with messages) and files.
    with django_assert_max_num_queries(4):
        lines = export("--org", org.slug)

    assert len(lines) == 30
    assert all(len(line["pieces"]) == 3 for line in lines)
