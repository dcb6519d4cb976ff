"""Every results, narrative, action-plan and report page and download, for
every persona: the issuer's owner and member and the facilitator reach them;
an evaluator of the issuer and an outsider get a 404 (as for a missing
mission); a visitor is sent to sign in. Then what each page does."""

import datetime as dt
import io

import pypdfium2
import pytest
from django.core import mail
from django.urls import reverse
from docx import Document

from nidaa.common.models import AuditEntry
from nidaa.missions.models import DeliverableStatus
from nidaa.reports.models import Action, ActionStatus, Narrative
from nidaa.reports.reminders import send_action_reminder
from nidaa.reports.tasks import daily_action_reminders
from tests.conftest import client_for


def pages(mission):
    m = mission.pk
    return [
        reverse("reports:results", args=[m]),
        reverse("reports:narrative", args=[m]),
        reverse("reports:actions", args=[m]),
        reverse("reports:report", args=[m]),
        reverse("reports:report_download", args=[m, "pdf"]) + "?lang=ar",
        reverse("reports:report_download", args=[m, "docx"]) + "?lang=fr",
        reverse("reports:report_download", args=[m, "xlsx"]) + "?lang=ar",
    ]


@pytest.mark.django_db
def test_the_issuer_and_the_facilitator_reach_every_page(example, owner, member, facilitator):
    for user in (owner, member, facilitator):
        client = client_for(user)
        for url in pages(example["mission"]):
            assert (url, client.get(url).status_code) == (url, 200)


@pytest.mark.django_db
def test_others_get_a_404_and_visitors_sign_in(example, evaluator, outsider, client):
    for user in (evaluator, outsider):
        other = client_for(user)
        for url in pages(example["mission"]):
            assert (url, other.get(url).status_code) == (url, 404)
    for url in pages(example["mission"]):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/fr/accounts/login/") or response["Location"].startswith(
            "/accounts/login/"
        )


@pytest.mark.django_db
def test_the_results_page_shows_the_figures_and_accessible_charts(example, owner):
    response = client_for(owner).get(reverse("reports:results", args=[example["mission"].pk]))
    html = response.content.decode()
    # The whole mission's row as the French page writes it.
    assert '<th scope="row" dir="auto">Tous les participants</th><td>6</td><td>1</td><td>1</td>' in html
    assert "<td>35,8</td><td>58,3</td><td>22,5</td><td>66,7</td><td>70,0</td>" in html
    assert html.count('role="img"') == 7
    assert '<title id="chart-module-title">Score moyen avant et après, par module (%)</title>' in html
    # Figures as the French page writes them, in the description and beside the bars.
    assert "M1 Budget participatif: Avant (pré-test) 35,0, Après (post-test) 58,8" in html
    assert '<figcaption dir="auto">Score moyen avant et après, par module (%)</figcaption>' in html


@pytest.mark.django_db
def test_the_results_page_in_arabic_draws_right_to_left(example, owner):
    response = client_for(owner).get("/ar" + reverse("reports:results", args=[example["mission"].pk])[3:])
    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "الرضا العام" in html
    # Labels stand on the right edge, anchored at their end.
    assert (
        '<text x="352.0" y="72.0" font-size="14" text-anchor="end" font-weight="bold">M1 Budget participatif'
        in html
    )


@pytest.mark.django_db
def test_the_facilitator_writes_the_narrative_the_issuer_reads_it(example, facilitator, owner):
    url = reverse("reports:narrative", args=[example["mission"].pk])
    response = client_for(facilitator).post(
        url, {"course_fr": "Trois ateliers tenus.", "recommendations_ar": "تعميم التكوين."}
    )
    assert response.status_code == 302
    narrative = Narrative.objects.get(mission=example["mission"])
    assert (narrative.course_fr, narrative.recommendations_ar, narrative.updated_by) == (
        "Trois ateliers tenus.",
        "تعميم التكوين.",
        facilitator,
    )
    assert AuditEntry.objects.filter(object_type="reports.narrative", action="update").count() == 1
    assert client_for(owner).post(url, {"course_fr": "Réécrit"}).status_code == 404
    page = client_for(owner).get(url).content.decode()
    assert "Trois ateliers tenus." in page
    assert "<textarea" not in page


@pytest.mark.django_db
def test_the_action_plan_adds_and_moves_actions(example, facilitator, owner):
    url = reverse("reports:actions", args=[example["mission"].pk])
    response = client_for(facilitator).post(
        url,
        {"title": "Former les agents", "owner": "Commune de Fès", "owner_email": "commune@example.ma",
         "owner_language": "ar", "due_date": "2026-06-30"},
    )  # fmt: skip
    assert response.status_code == 302
    action = Action.objects.get(mission=example["mission"])
    assert (action.title, action.owner, action.due_date, action.status) == (
        "Former les agents", "Commune de Fès", dt.date(2026, 6, 30), ActionStatus.PLANNED,
    )  # fmt: skip
    status_url = reverse("reports:action_status", args=[example["mission"].pk, action.pk])
    # Only the issuer cancels.
    client_for(facilitator).post(status_url, {"status": "cancelled"})
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED
    client_for(facilitator).post(status_url, {"status": "in_progress"})
    client_for(owner).post(status_url, {"status": "done"})
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert list(
        AuditEntry.objects.filter(object_type="reports.action")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["create", "start", "complete"]


@pytest.mark.django_db
def test_action_reminders_go_once_in_the_owners_language(example, django_capture_on_commit_callbacks):
    mission = example["mission"]
    action = Action.objects.create(
        mission=mission, title="Former les agents", owner="Commune de Fès", owner_email="commune@example.ma",
        owner_language="ar", due_date=dt.date(2026, 6, 30),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        assert send_action_reminder(action_id=action.pk, level="before", today=dt.date(2026, 6, 20)) is False
        assert send_action_reminder(action_id=action.pk, level="before", today=dt.date(2026, 6, 25)) is True
        assert send_action_reminder(action_id=action.pk, level="before", today=dt.date(2026, 6, 26)) is False
        assert send_action_reminder(action_id=action.pk, level="overdue", today=dt.date(2026, 7, 1)) is True
    assert [m.subject for m in mail.outbox] == [
        "نداء: الإجراء «Former les agents» مقرر في 30 يونيو 2026",
        "نداء: الإجراء «Former les agents» كان مقررًا في 30 يونيو 2026",
    ]
    assert mail.outbox[1].to == ["commune@example.ma"]
    assert "لم يُنجز بعد" in mail.outbox[1].body


@pytest.mark.django_db
def test_the_daily_sweep_sends_the_reminders_due(example, django_capture_on_commit_callbacks):
    Action.objects.create(
        mission=example["mission"], title="Bilan", owner="AE", owner_email="ae@example.org",
        due_date=dt.date(2000, 1, 1),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        daily_action_reminders.call_local()
    assert [m.subject for m in mail.outbox] == ["Nidaa : l'action « Bilan » était due le 1 janvier 2000"]


@pytest.mark.django_db
def test_the_facilitator_hands_the_report_in_and_the_issuer_accepts_it(example, facilitator, owner):
    mission = example["mission"]
    deliverable = example["deliverable"]
    response = client_for(facilitator).post(
        reverse("reports:report_submit", args=[mission.pk]), {"deliverable": deliverable.pk, "language": "ar"}
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.SUBMITTED
    stored = deliverable.files.get()
    assert (stored.original_name, stored.content_type) == (f"rapport-final-{mission.pk}-ar.pdf", "pdf")
    with stored.file.open("rb") as handle:
        document = pypdfium2.PdfDocument(handle.read())
        assert "التقرير النهائي" in document[0].get_textpage().get_text_range()
        document.close()
    # The issuer cannot hand it in; they accept it on the deliverable's page.
    assert (
        client_for(owner)
        .post(
            reverse("reports:report_submit", args=[mission.pk]),
            {"deliverable": deliverable.pk, "language": "fr"},
        )
        .status_code
        == 404
    )
    client_for(owner).post(
        reverse("missions:deliverable", args=[mission.pk, deliverable.pk]),
        {"action": "review", "decision": "accept", "comment": ""},
    )
    deliverable.refresh_from_db()
    assert deliverable.status == DeliverableStatus.ACCEPTED


@pytest.mark.django_db
def test_the_downloads_are_the_report_in_each_language(example, owner):
    base = reverse("reports:report_download", args=[example["mission"].pk, "docx"])
    response = client_for(owner).get(base + "?lang=ar")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="rapport-mission-{example["mission"].pk}-ar.docx"'
    )
    assert Document(io.BytesIO(response.content)).paragraphs[0].text == "التقرير النهائي"
    assert client_for(owner).get(base + "?lang=de").status_code == 404
    assert (
        client_for(owner)
        .get(reverse("reports:report_download", args=[example["mission"].pk, "odt"]))
        .status_code
        == 404
    )


@pytest.mark.django_db
def test_the_results_page_reads_a_fixed_number_of_queries(example, owner, django_assert_max_num_queries):
    client = client_for(owner)
    url = reverse("reports:results", args=[example["mission"].pk])
    client.get(url)  # fills the cache
    # session, user, mission access (3), the records version (3 aggregates and the 7 small tables
    # of the labels it shows): the figures come from the cache.
    with django_assert_max_num_queries(18):
        assert client.get(url).status_code == 200
