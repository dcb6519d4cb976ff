"""Demo questionnaires for ``make run`` (called by ``load_demo`` after the demo
mission): a pre-test and a post-test of the "Budget participatif" module
(five knowledge questions with their correct answers, French and Arabic
labels) and a final satisfaction questionnaire (Likert scales), imported as
XLSForms written the way KoboToolbox users write them; responses for most
participants, with a few unpaired (pre only, post only). Everything goes
through the services. Idempotent: nothing is added once the mission has a
questionnaire."""

from __future__ import annotations

import io

import openpyxl

from nidaa.accounts.models import Organization, User
from nidaa.missions.models import Mission, Module, Participant, Session
from nidaa.questionnaires import services
from nidaa.questionnaires.models import Questionnaire, Source

HEADER = [
    "type",
    "name",
    "label::French (fr)",
    "label::Arabic (ar)",
    "required",
    "relevant",
    "constraint",
    "correct",
]
KNOWLEDGE = [
    ["select_one vf", "loi", "La loi organique 113-14 prévoit des mécanismes participatifs de dialogue.",
     "ينص القانون التنظيمي 113.14 على آليات تشاركية للحوار والتشاور.", "yes", "", "", "vrai"],
    ["select_one etapes", "etape", "Quelle étape vient en premier dans un budget participatif ?",
     "ما هي المرحلة الأولى في الميزانية التشاركية؟", "yes", "", "", "diagnostic"],
    ["select_multiple acteurs", "acteurs", "Qui siège à l'instance de l'équité, de l'égalité des chances et de l'approche genre ?",
     "من يشارك في هيئة المساواة وتكافؤ الفرص ومقاربة النوع؟", "yes", "", "", "associations citoyens"],
    ["select_one vf", "petitions", "Les citoyens peuvent déposer une pétition auprès du conseil communal.",
     "يمكن للمواطنات والمواطنين تقديم عريضة إلى المجلس الجماعي.", "yes", "", "", "vrai"],
    ["select_one vf", "secret", "Le budget de la commune est un document secret.",
     "ميزانية الجماعة وثيقة سرية.", "yes", "", "", "faux"],
]  # fmt: skip
KNOWLEDGE_CHOICES = [
    ["list_name", "name", "label::French (fr)", "label::Arabic (ar)"],
    ["vf", "vrai", "Vrai", "صحيح"],
    ["vf", "faux", "Faux", "خطأ"],
    ["etapes", "vote", "Le vote des projets", "التصويت على المشاريع"],
    ["etapes", "diagnostic", "Le diagnostic participatif", "التشخيص التشاركي"],
    ["etapes", "suivi", "Le suivi de l'exécution", "تتبع التنفيذ"],
    ["acteurs", "associations", "Les associations", "الجمعيات"],
    ["acteurs", "citoyens", "Des citoyennes et citoyens", "مواطنات ومواطنون"],
    ["acteurs", "gouverneur", "Le gouverneur", "العامل"],
]
SCALE = [
    ["echelle", "1", "Pas du tout satisfait·e", "غير راض إطلاقا"],
    ["echelle", "2", "Peu satisfait·e", "قليل الرضا"],
    ["echelle", "3", "Satisfait·e", "راض"],
    ["echelle", "4", "Très satisfait·e", "راض جدا"],
]
FINAL = [
    ["select_one echelle", "contenu", "Le contenu de la formation", "مضمون التكوين", "yes", "", "", ""],
    ["select_one echelle", "animation", "L'animation", "التنشيط", "yes", "", "", ""],
    ["select_one echelle", "organisation", "L'organisation (salle, horaires, pauses)", "التنظيم (القاعة، التوقيت، الاستراحات)", "yes", "", "", ""],
    ["select_one echelle", "utilite", "L'utilité pour votre travail", "الفائدة في عملك", "yes", "", "", ""],
    ["text", "ameliorer", "Que faudrait-il améliorer ?", "ما الذي يجب تحسينه؟", "", "${contenu} <= 2 or ${animation} <= 2", "", ""],
]  # fmt: skip


def xlsform(title: str, form_id: str, survey: list[list[str]], choices: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(HEADER)
    for row in survey:
        sheet.append(row)
    choices_sheet = book.create_sheet("choices")
    for row in choices:
        choices_sheet.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([title, form_id, "2026030101", "French (fr)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _knowledge_answers(right: int) -> dict[str, str]:
    """Answers with the first ``right`` knowledge questions right, the others wrong."""
    good = {
        "loi": "vrai",
        "etape": "diagnostic",
        "acteurs": "associations citoyens",
        "petitions": "vrai",
        "secret": "faux",
    }
    bad = {"loi": "faux", "etape": "vote", "acteurs": "gouverneur", "petitions": "faux", "secret": "vrai"}
    return {name: good[name] if i < right else bad[name] for i, name in enumerate(good)}


def load_demo_questionnaires(*, organization: Organization, admin: User) -> int:
    """The number of questionnaires added (0 when the mission already has some)."""
    mission = Mission.objects.filter(organization=organization).order_by("id").first()
    if mission is None or Questionnaire.objects.filter(mission=mission).exists():
        return 0
    module = Module.objects.filter(mission=mission, title="Budget participatif").first()
    if module is None:
        return 0
    actor: User = admin
    pre = services.import_xlsform(
        mission=mission, data=xlsform("Pré-test · Budget participatif", "pre_budget", KNOWLEDGE, KNOWLEDGE_CHOICES),
        filename="pre-test-budget.xlsx", kind="pre", module=module, actor=actor,
    )  # fmt: skip
    post = services.import_xlsform(
        mission=mission, data=xlsform("Post-test · Budget participatif", "post_budget", KNOWLEDGE, KNOWLEDGE_CHOICES),
        filename="post-test-budget.xlsx", kind="post", module=module, actor=actor,
    )  # fmt: skip
    final = services.import_xlsform(
        mission=mission, data=xlsform("Évaluation finale de la formation", "final", FINAL, [KNOWLEDGE_CHOICES[0], *SCALE]),
        filename="evaluation-finale.xlsx", kind="final", module=None, actor=actor,
    )  # fmt: skip
    sessions = list(Session.objects.filter(mission=mission, module=module).order_by("date", "id"))
    first = {s.zone_id: s for s in reversed(sessions)}
    last = {s.zone_id: s for s in sessions}
    people = list(Participant.objects.filter(mission=mission, walk_in=False).order_by("code"))
    for n, person in enumerate(people):
        before = 1 + n % 3  # 1 to 3 right out of 5 before the module
        after = min(5, before + 1 + n % 3)  # most improve
        source = Source.PAPER if n % 4 == 0 else Source.WEB
        if n % 15 != 7:  # a few did not take the pre-test (post only)
            services.record_response(
                questionnaire=pre, participant=person, session=first.get(person.zone_id),
                answers=_knowledge_answers(before), source=source, actor=actor,
            )  # fmt: skip
        if n % 15 != 3:  # a few left before the post-test (pre only)
            services.record_response(
                questionnaire=post, participant=person, session=last.get(person.zone_id),
                answers=_knowledge_answers(after), source=source, actor=actor,
            )  # fmt: skip
        if n % 6 != 5:
            marks = {
                "contenu": str(2 + (n % 3)), "animation": str(3 + (n % 2)),
                "organisation": str(1 + (n % 4)), "utilite": str(2 + (n % 3)),
            }  # fmt: skip
            if marks["contenu"] == "2":
                marks["ameliorer"] = ["Plus d'exercices pratiques", "المزيد من التمارين التطبيقية"][n % 2]
            services.record_response(
                questionnaire=final, participant=person, session=last.get(person.zone_id),
                answers=marks, source=source, actor=actor,
            )  # fmt: skip
    # The post-test stays open at the module's last session: its link and QR code work in the demo.
    if sessions:
        services.open_questionnaire(session=sessions[-1], questionnaire=post, actor=actor)
    return 3
