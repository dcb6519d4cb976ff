"""Demo data for ``make run``: the demo organisation, its administrator and
calls imported from the fictional ToRs in ``nidaa/demo/tors/``. Idempotent."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from nidaa.accounts.models import Membership, Organization, Role, User
from nidaa.accounts.services import mark_email_verified
from nidaa.calls.models import DEFAULT_TIMEZONE, Call, CallStatus
from nidaa.calls.services import close_call, import_tor, update_call
from nidaa.demo.applications import load_demo_applications
from nidaa.evaluation.demo import load_demo_evaluations, load_demo_interviews
from nidaa.folding import ARABIC_BLOCK
from nidaa.missions.demo import load_demo_mission
from nidaa.questionnaires.demo import load_demo_questionnaires
from nidaa.reports.demo import load_demo_reports
from nidaa.tor.document import ReadError

DEMO_TORS = Path(__file__).resolve().parents[3] / "demo" / "tors"
DEMO_ORG = {"slug": "demo", "name": "Association Nidaa Démo", "acronym": "AND"}
DEMO_USER, DEMO_PASSWORD = "admin", "nidaa-demo"  # the README gives these credentials
# Days from today, cycled over the documents in name order: mostly open, some closed.
DEADLINE_OFFSETS = (14, -12, 30, 21, -30, 40, 10, -5)

FRENCH_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
# The month names used in Morocco.
ARABIC_MONTHS = "يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر".split()


def is_arabic(text: str) -> bool:
    """True when most of the document's letters are Arabic."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    return sum(1 for c in letters if ARABIC_BLOCK.match(c)) / len(letters) > 0.5


def deadline_phrase(day: date, *, arabic: bool) -> str:
    if arabic:
        return f"{day.day} {ARABIC_MONTHS[day.month - 1]} {day.year} على الساعة 23:59"
    return f"{day.day} {FRENCH_MONTHS[day.month - 1]} {day.year} à 23h59"


def fill_deadline(text: str, day: date) -> str:
    """The ToR with its ``{deadline}`` placeholder written in the document's language."""
    return text.replace("{deadline}", deadline_phrase(day, arabic=is_arabic(text)))


class Command(BaseCommand):
    help = "Create the demo organisation, its administrator (admin / nidaa-demo) and demo calls."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--tors", type=Path, default=DEMO_TORS, help="folder of demo ToRs (*.txt)")
        parser.add_argument(
            "--no-applications",
            dest="applications",
            action="store_false",
            help="calls only, without the demo applicants and applications",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            organization, _ = Organization.objects.get_or_create(
                slug=DEMO_ORG["slug"], defaults={"name": DEMO_ORG["name"], "acronym": DEMO_ORG["acronym"]}
            )
            admin = User.objects.filter(username=DEMO_USER).first()
            if admin is None:
                admin = User.objects.create_superuser(DEMO_USER, "admin@example.org", DEMO_PASSWORD)
            # The README's sign-in must work at once: the demo address counts as verified.
            mark_email_verified(user=admin)
            Membership.objects.get_or_create(
                user=admin, organization=organization, defaults={"role": Role.ADMIN}
            )
        folder: Path = options["tors"]
        paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        today = timezone.localdate()
        existing = set(
            Call.objects.filter(organization=organization).values_list("original_filename", flat=True)
        )
        created = 0
        for index, path in enumerate(paths):
            if path.name in existing:
                continue
            day = today + timedelta(days=DEADLINE_OFFSETS[index % len(DEADLINE_OFFSETS)])
            try:
                self.import_one(path, day, organization=organization, admin=admin)
            except ReadError as error:
                self.stderr.write(f"{path.name}: {error.message}")
                continue
            created += 1
        self.stdout.write(f"demo: organisation {organization.slug}, user {DEMO_USER}, {created} new calls")
        if options["applications"]:
            counts = load_demo_applications(organization=organization)
            self.stdout.write(
                "demo: {online} new online applications (amina, karim / nidaa-demo), "
                "{email} e-mailed, {triage} in the triage inbox".format(**counts)
            )
            evaluations = load_demo_evaluations(organization=organization)
            self.stdout.write(f"demo: {evaluations} new evaluations (nadia, hassan, claire / nidaa-demo)")

            if load_demo_mission(organization=organization, admin=admin):
                self.stdout.write("demo: a running mission with 12 sessions and 60 participants")

            if load_demo_questionnaires(organization=organization, admin=admin):
                self.stdout.write("demo: pre/post/final questionnaires with their responses")

            if load_demo_reports(organization=organization, admin=admin):
                self.stdout.write("demo: results, a narrative, an action plan and the final report (fr/ar)")

            # After everything else, so the demo's earlier ids stay as they were.
            if load_demo_interviews(organization=organization, admin=admin):
                self.stdout.write("demo: a staff post in the middle of its interviews (nadia chairs)")

    @transaction.atomic
    def import_one(self, path: Path, day: date, *, organization: Organization, admin: User) -> Call:
        data = fill_deadline(path.read_text(encoding="utf-8"), day).encode("utf-8")
        call = import_tor(organization=organization, data=data, filename=path.name, actor=admin, publish=True)
        deadline = datetime.combine(day, time(23, 59), tzinfo=ZoneInfo(DEFAULT_TIMEZONE))
        if call.deadline != deadline:
            # The demo knows its deadline even where the extractor missed it.
            update_call(call=call, actor=admin, changes={"deadline": deadline})
        if deadline < timezone.now() and call.status == CallStatus.PUBLISHED:
            close_call(call=call, actor=admin)
        return call
