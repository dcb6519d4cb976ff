"""``nidaa missions create --call ID [--application RECEIPT]``: prints the new mission's id."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.applications.models import Application
from nidaa.calls.models import Call
from nidaa.missions.management.commands._common import refuse
from nidaa.missions.services.errors import MissionError
from nidaa.missions.services.mission import create_mission


class Command(BaseCommand):
    help = "Create a mission for a call, from its retained application or with the applicant set later."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--call", type=int, required=True, metavar="ID")
        parser.add_argument(
            "--application", metavar="RECEIPT", help="the retained application's receipt number"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            call = Call.objects.get(pk=options["call"])
        except Call.DoesNotExist as error:
            raise CommandError(f"--call {options['call']}: no such call") from error
        application = None
        if options["application"]:
            try:
                application = Application.objects.get(receipt_number=options["application"], call=call)
            except Application.DoesNotExist as error:
                raise CommandError(
                    f"--application {options['application']}: no such application to this call"
                ) from error
        try:
            mission = create_mission(call=call, application=application, actor=None)
        except MissionError as error:
            raise refuse(error) from error
        self.stdout.write(str(mission.pk))
