"""The final report is printed once per version of the records it prints and
kept in the storage: the next downloads read the kept file; a correction to
the records makes a new one (with the corrected figures) and drops the old;
with a worker, a change queues the printing."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from nidaa.missions.models import Participant
from nidaa.questionnaires.models import Response
from nidaa.reports import document, services
from nidaa.reports.kept import LAYOUT, generate_reports, report_version, stored_report
from nidaa.reports.services import save_narrative
from tests.conftest import client_for
from tests.reports.test_report_documents import pdf_text, written  # noqa: F401 (fixture)


def kept_files(mission):
    folder = f"reports/{mission.pk}"
    return sorted(default_storage.listdir(folder)[1]) if default_storage.exists(folder) else []


def kept_bytes(mission, name):
    with default_storage.open(f"reports/{mission.pk}/{name}", "rb") as handle:
        return handle.read()


@pytest.mark.django_db
def test_the_first_download_keeps_the_file_the_next_one_serves_it(written, owner):  # noqa: F811
    mission = written["mission"]
    url = reverse("reports:report_download", args=[mission.pk, "pdf"]) + "?lang=fr"
    assert kept_files(mission) == []
    first = client_for(owner).get(url)
    name = f"{LAYOUT}-{report_version(mission)}-fr.pdf"
    assert kept_files(mission) == [name]
    assert first.content == kept_bytes(mission, name)
    with mock.patch.object(document, "report_pdf", side_effect=AssertionError("printed again")):
        again = client_for(owner).get(url)
    assert (first.status_code, again.status_code) == (200, 200)
    assert again.content == first.content
    assert kept_files(mission) == [name]


@pytest.mark.django_db
def test_a_correction_prints_the_corrected_figures_and_drops_the_old_file(written):  # noqa: F811
    mission = written["mission"]
    before = stored_report(mission, "fr", "pdf")
    old = kept_files(mission)
    assert "Tous les participants 6 1 1 35,8 58,3 22,5 66,7 70,0" in pdf_text(before)
    Response.objects.filter(participant=written["people"][2], questionnaire__kind="post").update(score=70.0)
    after = stored_report(mission, "fr", "pdf")
    assert "Tous les participants 6 1 1 35,8 61,7 25,8 83,3 70,0" in pdf_text(after)
    assert kept_files(mission) == [f"{LAYOUT}-{report_version(mission)}-fr.pdf"]
    assert kept_files(mission) != old
    # The other language's and format's files are not touched by this one's new version.
    stored_report(mission, "ar", "docx")
    assert len(kept_files(mission)) == 2


@pytest.mark.django_db
def test_the_narrative_and_a_name_in_the_annex_make_new_reports(written, facilitator):  # noqa: F811
    mission = written["mission"]
    stored_report(mission, "fr", "pdf")
    first = report_version(mission)
    save_narrative(mission=mission, texts={"conclusions_fr": "Une conclusion corrigée."}, actor=facilitator)
    second = report_version(mission)
    assert second != first
    assert "Une conclusion corrigée." in pdf_text(stored_report(mission, "fr", "pdf"))
    Participant.objects.filter(mission=mission, name_latin="Amina Tazi").update(name_latin="Amina Tazi-Alami")
    assert report_version(mission) != second
    assert "Amina Tazi-Alami" in pdf_text(stored_report(mission, "fr", "pdf"))
    assert kept_files(mission) == [f"{LAYOUT}-{report_version(mission)}-fr.pdf"]


@pytest.mark.django_db
def test_the_task_prints_both_languages_and_formats_once(written):  # noqa: F811
    mission = written["mission"]
    assert generate_reports(mission_id=mission.pk) == 4
    version = report_version(mission)
    names = sorted(
        f"{LAYOUT}-{version}-{language}.{fmt}" for language in ("fr", "ar") for fmt in ("pdf", "docx")
    )
    assert kept_files(mission) == names
    contents = [kept_bytes(mission, name) for name in names]
    assert generate_reports(mission_id=mission.pk) == 0
    assert [kept_bytes(mission, name) for name in names] == contents
    assert generate_reports(mission_id=0) == 0


@pytest.mark.django_db
def test_with_a_worker_a_change_and_the_report_page_queue_the_printing(
    written,  # noqa: F811
    facilitator,
    owner,
    settings,
    django_capture_on_commit_callbacks,
):
    mission = written["mission"]
    settings.HUEY = {**settings.HUEY, "immediate": False}
    with (
        mock.patch("nidaa.reports.tasks.generate_reports_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.save_narrative(mission=mission, texts={"course_fr": "Corrigé."}, actor=facilitator)
    task.assert_called_once_with(mission.pk)
    with (
        mock.patch("nidaa.reports.tasks.generate_reports_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client_for(owner).get(reverse("reports:report", args=[mission.pk])).status_code == 200
    task.assert_called_once_with(mission.pk)
    generate_reports(mission_id=mission.pk)
    with (
        mock.patch("nidaa.reports.tasks.generate_reports_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client_for(owner).get(reverse("reports:report", args=[mission.pk])).status_code == 200
    task.assert_not_called()


@pytest.mark.django_db
def test_without_a_worker_a_change_prints_nothing_until_the_download(written, facilitator):  # noqa: F811
    mission = written["mission"]
    services.save_narrative(mission=mission, texts={"course_fr": "Corrigé."}, actor=facilitator)
    assert kept_files(mission) == []
