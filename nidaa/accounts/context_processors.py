"""What every page's menu needs to know about the visitor."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

from nidaa.accounts.models import Membership, User


def menu(request: HttpRequest) -> dict[str, Callable[[], bool]]:
    """``is_member``: whether the signed-in user belongs to an organisation (the
    issuer's menu) or not (the applicant's). Asked only by pages that render the
    menu, and once per request."""
    answer: list[bool] = []

    def is_member() -> bool:
        if not answer:
            user = getattr(request, "user", None)
            answer.append(isinstance(user, User) and Membership.objects.filter(user=user).exists())
        return answer[0]

    return {"is_member": is_member}
