"""The demo's results, narrative, action plan and handed-in report, on top
of the missions' and questionnaires' demos."""

import io

import pypdfium2
from docx import Document

from nidaa.accounts.services import mark_email_verified
from nidaa.calls.models import CallStatus
from nidaa.missions.demo import load_demo_mission
from nidaa.missions.models import DeliverableStatus, Mission
from nidaa.questionnaires.demo import load_demo_questionnaires
from nidaa.reports.demo import load_demo_reports
from nidaa.reports.document import report_docx
from nidaa.reports.models import Action, Narrative
from nidaa.reports.results import compute_results
from tests.factories import CallFactory, UserFactory


def test_the_demo_has_results_a_narrative_an_action_plan_and_the_report(org, owner):
    mark_email_verified(user=UserFactory(username="amina", email="amina@example.org"))
    CallFactory(organization=org, status=CallStatus.CLOSED)
    mission = Mission.objects.get(pk=load_demo_mission(organization=org, admin=owner))
    load_demo_questionnaires(organization=org, admin=owner)
    assert load_demo_reports(organization=org, admin=owner) is True
    overall = compute_results(mission).figures["overall"]
    # The questionnaires' demo: 56 pre, 56 post, 4 of each unpaired.
    assert (overall["paired"], overall["pre_only"], overall["post_only"]) == (52, 4, 4)
    assert overall["post_mean"] > overall["pre_mean"]
    assert overall["satisfaction"] is not None
    narrative = Narrative.objects.get(mission=mission)
    assert narrative.course_fr.startswith("Les ateliers se sont tenus")
    assert narrative.conclusions_ar.startswith("تحسنت المعارف")
    assert Action.objects.filter(mission=mission).count() == 3
    final = mission.deliverables.get(title="Rapport final de la mission")
    assert final.status == DeliverableStatus.SUBMITTED
    with final.files.get().file.open("rb") as handle:
        document = pypdfium2.PdfDocument(handle.read())
        assert "Rapport final" in document[0].get_textpage().get_text_range()
        document.close()
    arabic = Document(io.BytesIO(report_docx(mission, "ar")))
    assert "تحسنت المعارف حول الميزانية التشاركية بشكل واضح بين الاختبار القبلي والاختبار البعدي." in [
        p.text for p in arabic.paragraphs
    ]
    assert load_demo_reports(organization=org, admin=owner) is False
