"""``nidaa missions forms import XLSFORM --mission ID --kind pre|post|final [--module CODE]``

Prints the new questionnaire's id. When pyxform refuses the form or a row
holds what Nidaa cannot run, every problem is printed (with its row),
nothing is imported and the exit status is 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nidaa.missions.management.commands._common import mission, read_file
from nidaa.missions.models import Module
from nidaa.questionnaires.messages import error_text, problem_text
from nidaa.questionnaires.models import Kind
from nidaa.questionnaires.services import QuestionnaireError, import_xlsform


class Command(BaseCommand):
    help = "Import a questionnaire from an XLSForm (KoboToolbox / ODK)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="XLSFORM")
        parser.add_argument("--mission", type=int, required=True, metavar="ID")
        parser.add_argument("--kind", required=True, choices=Kind.values)
        parser.add_argument("--module", default="", metavar="CODE", help="the module's code (or title)")

    def handle(self, *args: Any, **options: Any) -> None:
        target = mission(options["mission"])
        module = None
        if options["module"]:
            modules = Module.objects.filter(mission=target)
            module = (
                modules.filter(code=options["module"]).first()
                or modules.filter(title=options["module"]).first()
            )
            if module is None:
                raise CommandError(f"--module {options['module']}: no such module in mission {target.pk}")
        data = read_file(options["file"])
        try:
            questionnaire = import_xlsform(
                mission=target,
                data=data,
                filename=Path(options["file"]).name,
                kind=options["kind"],
                module=module,
                actor=None,
            )
        except QuestionnaireError as error:
            for problem in error.problems:
                self.stderr.write(problem_text(problem))
            if not error.problems:
                self.stderr.write(error_text(error))
            raise CommandError("nothing imported", returncode=1) from error
        self.stdout.write(str(questionnaire.pk))
