from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "nidaa.evaluation"
    verbose_name = _("Evaluation")

    def ready(self) -> None:
        # Assigned evaluators read their calls' applications, except those they
        # declared a conflict for: registered here, so that applications does
        # not import evaluation.
        from nidaa.accounts.services import add_invitation_purpose
        from nidaa.applications.access import grant_readers, hide_from_readers, open_offers
        from nidaa.calls.ocds import add_award_source
        from nidaa.evaluation.access import assigned_calls_q, conflicted_q, opened_offers_q
        from nidaa.evaluation.committee import accept_seats, describe_seat, seat_landing
        from nidaa.evaluation.ocds import awards_for

        grant_readers(assigned_calls_q)
        hide_from_readers(conflicted_q)
        # Financial offers open with the envelopes the technical close opened.
        open_offers(opened_offers_q)
        # An awarded call's release carries the committee's decision.
        add_award_source(awards_for)
        # A seat on a committee offered to an address without an account rides
        # on the organisation's invitation: worded, taken and landed here.
        add_invitation_purpose(describe=describe_seat, on_accept=accept_seats, landing=seat_landing)
