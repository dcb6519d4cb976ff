"""The demo's narrative, action plan and final report for ``make run``
(called by ``load_demo`` after the questionnaires' demo): the facilitator's
text in French and Arabic, three actions followed after the mission, and the
French report handed in as the mission's final report (to accept on its
deliverable's page). The results come from the questionnaires' demo
responses; the report downloads in both languages from the mission's pages.
Everything goes through the services. Idempotent: nothing is added once the
mission has a narrative."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from nidaa.accounts.models import Organization, User
from nidaa.missions.models import Deliverable, DeliverableStatus, Mission
from nidaa.missions.workflow import FACILITATOR
from nidaa.reports import services
from nidaa.reports.kept import stored_report
from nidaa.reports.models import Narrative

NARRATIVE = {
    "course_fr": (
        "Les ateliers se sont tenus dans les trois zones prévues, aux dates du plan.\n"
        "Les participant·es ont répondu au pré-test en début de module et au post-test à la fin, "
        "sur leur téléphone ou sur papier."
    ),
    "course_ar": (
        "انعقدت الورشات في المناطق الثلاث المبرمجة وفي التواريخ المحددة.\n"
        "أجاب المشاركات والمشاركون عن الاختبار القبلي في بداية الوحدة وعن الاختبار البعدي في نهايتها، "
        "عبر الهاتف أو على الورق."
    ),
    "conclusions_fr": "Les connaissances sur le budget participatif ont nettement progressé entre le pré-test et le post-test.",
    "conclusions_ar": "تحسنت المعارف حول الميزانية التشاركية بشكل واضح بين الاختبار القبلي والاختبار البعدي.",
    "recommendations_fr": "Étendre la formation aux agents communaux et prévoir un suivi à six mois.",
    "recommendations_ar": "توسيع التكوين ليشمل الموظفين الجماعيين وبرمجة تتبع بعد ستة أشهر.",
}
ACTIONS = [
    ("Partager le rapport avec les conseils communaux", "Association Exemple", 15),
    ("Former les agents communaux au budget participatif", "Communes partenaires", 90),
    ("Évaluer l'application des acquis à six mois", "Facilitatrice", 180),
]


def load_demo_reports(*, organization: Organization, admin: User) -> bool:
    """Narrative, action plan and handed-in report for the demo mission; False when already there."""
    mission = Mission.objects.filter(organization=organization).order_by("pk").first()
    if mission is None or Narrative.objects.filter(mission=mission).exists():
        return False
    actor: User = mission.facilitator or admin
    services.save_narrative(mission=mission, texts=NARRATIVE, actor=actor)
    today = timezone.localdate()
    for title, owner, days in ACTIONS:
        services.add_action(
            mission=mission,
            title=title,
            owner=owner,
            due_date=today + timedelta(days=days),
            actor=actor,
            owner_email=admin.email,
            owner_language="fr",
        )
    final = (
        Deliverable.objects.filter(mission=mission, title__icontains="rapport final")
        .exclude(status=DeliverableStatus.ACCEPTED)
        .order_by("-position")
        .first()
    )
    if final is not None:
        services.submit_report(
            deliverable=final,
            language="fr",
            content=stored_report(mission, "fr", "pdf"),  # kept: the first download is instant
            actor=mission.facilitator,
            role=FACILITATOR,
        )
    return True
