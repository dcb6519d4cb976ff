"""Deployment checks of the open data settings (``nidaa manage check --deploy``)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register

from nidaa.calls.feeds import ocid_prefix
from nidaa.calls.ocds import prefix_registered


@register(Tags.security, deploy=True)
def check_ocid_prefix(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Production publishes OCDS with a prefix registered with the Open
    Contracting Partnership: the default is only a placeholder, and two
    instances using it would publish the same ocids for different calls."""
    prefix = ocid_prefix()
    if prefix_registered(prefix):
        return []
    return [
        Error(
            f"NIDAA_OCID_PREFIX {prefix!r} is not a registered OCDS prefix (ocds-xxxxxx-).",
            hint="Register one at https://standard.open-contracting.org/latest/en/guidance/map/"
            "release_level_identifiers/ and set NIDAA_OCID_PREFIX to it.",
            id="nidaa.E001",
        )
    ]
