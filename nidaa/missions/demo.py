"""A demo mission for ``make run`` (called by ``load_demo``): a running mission
of 3 modules x 2 regions x 2 days with 60 participants (Arabic and Latin
names) imported from a spreadsheet as an organisation keeps it, attendance
with a few absences and walk-ins, two deliverables accepted and one with
changes requested. Everything goes through the services. Idempotent: nothing
is added once the organisation has a mission."""

from __future__ import annotations

import io
from datetime import time, timedelta
from decimal import Decimal

import openpyxl
from django.utils import timezone

from nidaa.accounts.models import Organization, User
from nidaa.calls.models import Call, CallStatus
from nidaa.common.pdf import html_to_pdf
from nidaa.directory.models import Territory
from nidaa.missions.models import Deliverable, Mission, MissionStatus, Participant, Session, Zone
from nidaa.missions.services.attendance import add_walk_in, record_attendance
from nidaa.missions.services.deliverables import add_instalment, review_deliverable, submit_deliverable_file
from nidaa.missions.services.mission import change_mission_status, create_mission, update_mission
from nidaa.missions.services.participants import import_participants
from nidaa.missions.services.plan import apply_plan
from nidaa.missions.workflow import FACILITATOR, ISSUER

WOMEN = [
    ("Amina", "أمينة"), ("Fatima Zahra", "فاطمة الزهراء"), ("Khadija", "خديجة"), ("Salma", "سلمى"),
    ("Nadia", "نادية"), ("Hanane", "حنان"), ("Souad", "سعاد"), ("Meryem", "مريم"), ("Imane", "إيمان"),
    ("Latifa", "لطيفة"),
]  # fmt: skip
MEN = [
    ("Youssef", "يوسف"), ("Mohamed", "محمد"), ("Karim", "كريم"), ("Hassan", "حسن"), ("Rachid", "رشيد"),
    ("Omar", "عمر"), ("Said", "سعيد"), ("Abdellah", "عبد الله"), ("Mustapha", "مصطفى"), ("Hamza", "حمزة"),
]  # fmt: skip
FAMILIES = [
    ("El Idrissi", "الإدريسي"), ("Benali", "بنعلي"), ("El Alaoui", "العلوي"), ("Ouazzani", "الوزاني"),
    ("Tazi", "التازي"), ("Bennani", "بناني"), ("Chraibi", "الشرايبي"), ("El Fassi", "الفاسي"),
    ("Berrada", "برادة"), ("Amrani", "العمراني"), ("Lahlou", "لحلو"), ("Sqalli", "السقلي"),
]  # fmt: skip
CATEGORIES = ["Élu·e", "Cadre communal", "Membre d'association", "Comité local de développement"]
REGIONS = ["Fès-Meknès", "Tanger-Tétouan-Al Hoceima"]
MODULES = [
    "Accès à l'information et transparence",
    "Budget participatif",
    "Suivi et évaluation des politiques locales",
]
DELIVERABLES = [
    "Listes de présence",
    "Rapport de formation",
    "Outils pédagogiques",
    "Rapport final de la mission",
]


def participants_sheet() -> bytes:
    """60 participants as an association keeps them: a title row, a blank row,
    headers in French and Arabic, phones written in several ways."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Liste des participant·es — Open Ma3louma / لائحة المشاركين"])
    sheet.append([])
    sheet.append(["N°", "Nom et prénom", "الاسم الكامل", "Sexe", "Catégorie", "Organisation", "Tél", "Zone"])
    for i in range(60):
        first, first_ar = (WOMEN if i % 2 == 0 else MEN)[(i // 2) % 10]
        family, family_ar = FAMILIES[(i * 7) % len(FAMILIES)]
        latin = "" if i % 5 == 4 else f"{first} {family}"
        arabic = "" if i % 7 == 6 and latin else f"{first_ar} {family_ar}"
        digits = f"{61 + i % 9}{(i * 7919) % 1000000:06d}"
        phone = [
            f"06 {digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}",
            f"+212 6{digits}",
            f"06{digits}",
        ][i % 3]
        sheet.append(
            [i + 1, latin, arabic, ["F", "H"][i % 2] if i % 3 else ["Femme", "ذكر"][i % 2], CATEGORIES[(i // 3) % 4],
             f"Commune {['Sefrou', 'Chefchaouen'][(i // 2) % 2]}", phone, REGIONS[(i // 2) % 2]]
        )  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _report_pdf(title: str) -> io.BytesIO:
    return io.BytesIO(html_to_pdf(f"<h1>{title}</h1><p>Version de démonstration — نسخة تجريبية.</p>"))


def load_demo_mission(*, organization: Organization, admin: User) -> int:
    """The demo mission (its id), or 0 when the organisation already has one or no closed call."""
    if Mission.objects.filter(organization=organization).exists():
        return 0
    call = (
        Call.objects.filter(organization=organization, status__in=[CallStatus.CLOSED, CallStatus.AWARDED])
        .order_by("id")
        .first()
    )
    if call is None:
        return 0
    facilitator = User.objects.filter(username="amina").first()
    actor: User = admin
    mission = create_mission(
        call=call,
        actor=actor,
        facilitator_name="Amina Benali",
        facilitator_email=facilitator.email if facilitator else "amina@example.org",
    )
    today = timezone.localdate()
    update_mission(
        mission=mission, actor=actor, amount=Decimal("120000.00"), start_date=today - timedelta(days=30),
        end_date=today + timedelta(days=30), facilitator_name="Amina Benali",
        facilitator_email=mission.facilitator_email, focal_point=admin,
    )  # fmt: skip
    Deliverable.objects.filter(mission=mission).delete()
    deliverables = [
        Deliverable.objects.create(
            mission=mission, position=i, title=title, due_date=today + timedelta(days=d)
        )
        for i, (title, d) in enumerate(zip(DELIVERABLES, (-10, -3, 5, 30), strict=True))
    ]
    add_instalment(mission=mission, label="Avance à la signature (30 %)", amount=Decimal("36000"), deliverable=None, actor=actor)  # fmt: skip
    add_instalment(mission=mission, label="Deuxième tranche (40 %)", amount=Decimal("48000"), deliverable=deliverables[1], actor=actor)  # fmt: skip
    add_instalment(mission=mission, label="Solde (30 %)", amount=Decimal("36000"), deliverable=deliverables[3], actor=actor)  # fmt: skip
    for zone_name in REGIONS:
        zone = Zone.objects.create(mission=mission, name=zone_name, position=REGIONS.index(zone_name))
        territory = Territory.objects.filter(kind="region", name_fr__iexact=zone_name).first()
        if territory is not None:
            zone.territory = territory
            zone.save(update_fields=["territory"])
    apply_plan(
        mission=mission, modules=MODULES, zones=REGIONS, days_per_module=2, first_day=today - timedelta(days=21),
        start=time(9, 0), end=time(16, 30), expected=30, actor=actor,
    )  # fmt: skip
    Session.objects.filter(mission=mission, zone__name=REGIONS[0]).update(venue="Hôtel de ville, Sefrou")
    Session.objects.filter(mission=mission, zone__name=REGIONS[1]).update(
        venue="Maison des associations, Chefchaouen"
    )
    change_mission_status(mission=mission, target=MissionStatus.RUNNING, actor=actor, role=ISSUER)
    report = import_participants(mission=mission, data=participants_sheet(), actor=actor)
    if report.errors or report.imported != 60:
        raise RuntimeError(f"demo participants: {report.errors or report.imported}")
    people = list(Participant.objects.filter(mission=mission).order_by("code"))
    for n, session in enumerate(
        Session.objects.filter(mission=mission, date__lt=today).order_by("date", "id")
    ):
        for k, person in enumerate(p for p in people if p.zone_id == session.zone_id):
            present = (k + n) % 9 != 0  # about one absence in nine
            stays = (k + n) % 13 != 5  # and a few who leave after the morning
            record_attendance(
                session=session, participant=person, present=present, actor=actor,
                morning=present, afternoon=present and stays,
            )  # fmt: skip
        if n % 3 == 0:
            add_walk_in(session=session, name=["Zineb Kettani", "عبد الرحيم الصديقي"][n % 2], actor=actor,
                                 sex=["female", "male"][n % 2], category=CATEGORIES[n % 4])  # fmt: skip
    # Deliverables in each state: two accepted, one with changes requested, one planned.
    facilitator_actor: User = mission.facilitator or admin
    for deliverable, accept in ((deliverables[0], True), (deliverables[1], True), (deliverables[2], False)):
        submit_deliverable_file(
            deliverable=deliverable, upload=_report_pdf(deliverable.title), original_name=f"{deliverable.title}.pdf",
            actor=facilitator_actor, role=FACILITATOR,
        )  # fmt: skip
        review_deliverable(
            deliverable=deliverable, accept=accept, actor=actor, role=ISSUER,
            comment="" if accept else "Merci d'ajouter les fiches d'activités en arabe.",
        )  # fmt: skip
    return mission.pk
