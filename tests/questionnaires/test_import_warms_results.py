"""After an import of responses, the results are tabulated through the task
queue (run in-process here) under the version the results page reads: its
first visitor is served from the cache, with the figures a fresh tabulation
gives."""

import dataclasses
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from nidaa.questionnaires.services import import_xlsform
from nidaa.reports import results
from tests.questionnaires.kobo import export_xlsx, xlsform

pytestmark = pytest.mark.django_db

HEADER = ["start", "end", "Participant", "connaissances/q1", "connaissances/q2", "age", "satisf", "pourquoi"]
ROWS = [
    ["", "", "P00001", "oui", "elus societe", "34", "4", ""],
    ["", "", "P00002", "non", "elus", "41", "2", "Trop long"],
    ["", "", "Inconnu Dupont", "oui", "elus", "29", "3", ""],
]


@pytest.fixture
def form(plan, mission, facilitator):
    return import_xlsform(
        mission=mission,
        data=xlsform(),
        filename="pre.xlsx",
        kind="pre",
        module=plan["module"],
        actor=facilitator,
    )


def upload(client, form, rows):
    export = SimpleUploadedFile("export.xlsx", export_xlsx([HEADER, *rows]))
    url = reverse("questionnaires:import", args=[form.pk])
    return client.post(url, {"file": export, "participant_column": "Participant"})


def test_an_import_leaves_the_results_the_page_reads_in_the_cache(
    form, mission, facilitator_client, django_capture_on_commit_callbacks
):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert upload(facilitator_client, form, ROWS).status_code == 200
    version = results.records_version(mission)
    warmed = cache.get(results.results_key(mission))
    assert warmed is not None
    assert warmed.version == version
    # What a tabulation of the records as they are now gives, figure for figure.
    assert warmed == dataclasses.replace(results.compute_results(mission), version=version)
    assert warmed.figures["overall"]["pre_only"] == 2
    # The first view of the page tabulates nothing: it reads the cached results.
    with mock.patch.object(results, "compute_results", side_effect=AssertionError("tabulated again")):
        page = facilitator_client.get(reverse("reports:results", args=[mission.pk]))
    assert page.status_code == 200


def test_an_import_with_nothing_matched_queues_nothing(
    form, mission, facilitator_client, django_capture_on_commit_callbacks
):
    with (
        mock.patch("nidaa.reports.tasks.warm_results_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert upload(facilitator_client, form, [ROWS[2]]).status_code == 200
    task.assert_not_called()


def test_an_import_queues_the_tabulation_once_committed(
    form, mission, facilitator_client, django_capture_on_commit_callbacks
):
    with (
        mock.patch("nidaa.reports.tasks.warm_results_task") as task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert upload(facilitator_client, form, ROWS).status_code == 200
        task.assert_not_called()  # not before the import is committed
    task.assert_called_once_with(mission.pk)
