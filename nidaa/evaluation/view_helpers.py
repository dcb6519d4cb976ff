"""What the committee's pages share (``committee_views``, ``interview_views``):
the seat of the signed-in user on a call's committee and a service's refusal
shown as a message (the user behind ``login_required`` is
``accounts.selectors.signed_in``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest

from nidaa.calls.models import Call
from nidaa.evaluation.errors import EvaluationError
from nidaa.evaluation.selectors import Seat, get_seat


def seat_or_404(request: HttpRequest, call_id: int) -> Seat:
    """The user's seat on the call's committee; 404 for a call they may not see."""
    try:
        return get_seat(user=request.user, call_id=call_id)
    except Call.DoesNotExist as error:
        raise Http404 from error


def show_refusal(request: HttpRequest, error: EvaluationError) -> None:
    """A service's refusal, with its problems, as an error message."""
    messages.error(request, " ".join([str(error), *error.problems]))
