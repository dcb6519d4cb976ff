"""Reads on applications: an applicant reaches only their own."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from nidaa.accounts.models import User
from nidaa.applications.models import Application, ApplicationVersion


def applications_for(*, applicant: User) -> QuerySet[Application]:
    """The applicant's applications, newest first, with their versions and files."""
    return (
        Application.objects.filter(applicant=applicant)
        .select_related("call", "outcome")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=ApplicationVersion.objects.order_by("-number").prefetch_related("files"),
            )
        )
    )


def get_application_for(*, applicant: User, application_id: int) -> Application:
    """Raises ``Application.DoesNotExist`` unless the application is the applicant's."""
    return applications_for(applicant=applicant).get(pk=application_id)
