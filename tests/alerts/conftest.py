"""The alerts tests share the accounts tests' local SMTP server and clean
rate-limit cache."""

from tests.accounts.conftest import _fresh_rate_limits, smtp_inbox  # noqa: F401 - fixtures
