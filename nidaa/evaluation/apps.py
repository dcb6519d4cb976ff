from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "nidaa.evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        # Assigned evaluators read their calls' applications: registered here,
        # so that applications does not import evaluation.
        from nidaa.applications.access import grant_readers
        from nidaa.evaluation.access import assigned_calls_q

        grant_readers(assigned_calls_q)
