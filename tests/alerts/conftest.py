"""The alerts tests share the accounts tests' applicant persona, local SMTP
server, clean rate-limit cache and temporary media."""

from tests.accounts.conftest import (  # noqa: F401
    _fresh_rate_limits,
    _media_in_tmp,
    applicant,
    applicant_client,
    smtp_inbox,
)
