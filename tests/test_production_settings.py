"""Production settings are secure by configuration and by default (issue 10,
items 3 and 12): the public fallback key and DEBUG on a public host are
refused at start-up, and ``check --deploy`` is clean with the production
environment the README documents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from nidaa.settings import FALLBACK_SECRET_KEY

NIDAA = str(Path(sys.executable).parent / "nidaa")
STRONG_KEY = "k3Yq9-" + "x7PzR2mW_bT5nL8vC4hJ" * 3

# The README's "Production" environment, with example values.
PRODUCTION = {
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "nidaa.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://nidaa.example.org",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto: https",
    "SECURE_HSTS_PRELOAD": "1",
    "NINJA_NUM_PROXIES": "1",
    "NIDAA_OCID_PREFIX": "ocds-abc123-",
    "NIDAA_SITE_URL": "https://nidaa.example.org",
}
# Variables the test run sets for itself (plain HTTP test servers) or that a
# developer's shell may hold: none of them may leak into a production run.
SCRUBBED = (
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_PRELOAD",
    "NIDAA_OCID_PREFIX",
    # Set by the browser tests' conftest (Playwright's sync API in pytest).
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    clean.update(
        DJANGO_SETTINGS_MODULE="nidaa.settings",
        NIDAA_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        **env,
    )
    return subprocess.run(  # noqa: S603 (our own command)
        [NIDAA, "manage", *args], env=clean, capture_output=True, text=True, timeout=120
    )


def test_forging_confirmation_keys_with_the_public_fallback_key_is_impossible_it_is_refused(tmp_path):
    # Without SECRET_KEY the fallback (public, in settings.py) would sign
    # e-mail confirmations: the server refuses to start instead.
    done = run(tmp_path, "check")
    assert done.returncode == 1
    assert done.stderr == (
        "nidaa: SECRET_KEY is unset or weak: set it to 50 or more random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 on a development machine.\n"
    )


@pytest.mark.parametrize(
    "key", [FALLBACK_SECRET_KEY, "django-insecure-" + "a1b2c3d4e5" * 5, "short-key", "ab" * 30]
)
def test_a_weak_secret_key_is_refused_when_debug_is_off(tmp_path, key):
    done = run(tmp_path, "check", SECRET_KEY=key)
    assert done.returncode == 1
    assert "SECRET_KEY is unset or weak" in done.stderr


def test_debug_with_a_public_host_is_refused(tmp_path):
    # DEBUG serves /media/ (stored applications) and shows settings on error pages.
    done = run(tmp_path, "check", DEBUG="1", ALLOWED_HOSTS="nidaa.example.org", SECRET_KEY=STRONG_KEY)
    assert done.returncode == 1
    assert done.stderr == (
        "nidaa: DEBUG is on with non-local ALLOWED_HOSTS (nidaa.example.org): "
        "DEBUG is for 127.0.0.1, localhost, testserver, [::1] only.\n"
    )


def test_debug_on_a_development_machine_still_runs_with_the_fallback_key(tmp_path):
    done = run(tmp_path, "check", DEBUG="1")
    assert (done.returncode, done.stderr) == (0, "")


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    done = run(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "System check identified no issues (0 silenced).\n",
        "",
    )


def test_production_is_secure_by_default_when_debug_is_off(tmp_path):
    code = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    done = run(tmp_path, "shell", "-v", "0", "-c", code, **PRODUCTION)
    assert done.stdout == "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')\n"


def test_check_deploy_refuses_the_placeholder_ocid_prefix(tmp_path):
    production = {**PRODUCTION}
    del production["NIDAA_OCID_PREFIX"]
    done = run(tmp_path, "check", "--deploy", **production)
    assert done.returncode == 1
    assert "nidaa.E001" in done.stderr


def test_pages_carry_a_content_security_policy(client, settings, db):
    response = client.get("/fr/")
    assert response["Content-Security-Policy"] == settings.NIDAA_CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in response["Content-Security-Policy"]
