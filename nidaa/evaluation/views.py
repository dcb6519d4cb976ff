from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from nidaa.accounts.models import Membership, Role, User
from nidaa.accounts.selectors import EDIT_ROLES, signed_in
from nidaa.calls.models import Call
from nidaa.calls.selectors import get_call_for_user
from nidaa.evaluation.committee import NotAnEvaluator, assign_evaluator, unassign_evaluator
from nidaa.evaluation.models import CommitteeInvitation, EvaluatorAssignment


@login_required
def evaluators(request: HttpRequest, call_id: int) -> HttpResponse:
    """The call's evaluation committee: the organisation's evaluators, each
    assigned to the call or not. Admins and editors of the organisation only."""
    try:
        call = get_call_for_user(user=request.user, call_id=call_id, roles=EDIT_ROLES)
    except Call.DoesNotExist as error:
        raise Http404 from error
    candidates = (
        User.objects.filter(
            pk__in=Membership.objects.filter(
                organization_id=call.organization_id, role=Role.EVALUATOR
            ).values("user_id")
        )
        .only("pk", "username", "first_name", "last_name", "email")
        .order_by("last_name", "first_name", "username")
    )
    if request.method == "POST":
        try:
            evaluator = candidates.get(pk=request.POST.get("evaluator", ""))
        except (User.DoesNotExist, ValueError) as error:
            raise Http404 from error
        if request.POST.get("action") == "unassign":
            unassign_evaluator(call=call, evaluator=evaluator, actor=signed_in(request.user))
            messages.success(request, _("The evaluator was withdrawn from this call."))
        else:
            try:
                assign_evaluator(call=call, evaluator=evaluator, actor=signed_in(request.user))
            except NotAnEvaluator as error:  # demoted meanwhile
                raise Http404 from error
            messages.success(request, _("The evaluator is assigned to this call."))
        return redirect("evaluation:evaluators", call_id=call.pk)
    assigned = set(EvaluatorAssignment.objects.filter(call=call).values_list("evaluator_id", flat=True))
    rows = [(user, user.pk in assigned) for user in candidates]
    invited = CommitteeInvitation.objects.filter(
        call=call, invitation__accepted_at=None, invitation__revoked_at=None
    ).select_related("invitation")
    return render(request, "evaluation/evaluators.html", {"call": call, "rows": rows, "invited": invited})
