"""The test run's settings: production's own (DEBUG off), with a secret key.

Production refuses to start without a strong SECRET_KEY; the tests make one
for the run, in the environment, so that the commands and servers they start
(``nidaa manage ...``, gunicorn) inherit it.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
# The test client, live servers and gunicorn speak plain HTTP on 127.0.0.1.
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "0")
# Commands the tests start run with the project's settings (and the variables
# above); this module is for the test process only.
os.environ["DJANGO_SETTINGS_MODULE"] = "nidaa.settings"

from nidaa.settings import *  # noqa: E402, F403
