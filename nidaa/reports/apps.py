from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "nidaa.reports"
    verbose_name = _("Mission reports")

    def ready(self) -> None:
        # An awarded call's OCDS release carries its contracts' milestones:
        # registered here, so that calls imports nothing above it.
        from nidaa.calls.ocds import add_contract_source
        from nidaa.reports.ocds import contracts_for

        add_contract_source(contracts_for)
        # The results are tabulated after an import of responses: questionnaires
        # announces it, and imports nothing of reports.
        from nidaa.questionnaires.signals import responses_imported
        from nidaa.reports.tasks import queue_results

        responses_imported.connect(queue_results, dispatch_uid="reports.queue_results")
