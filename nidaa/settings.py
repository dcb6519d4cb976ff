"""Django settings for Nidaa.

Everything that differs between a laptop and production is read from the
environment with the typed helpers below; the defaults give the embedded
set-up (SQLite under ./var, in-process work, mail printed to the console).
"""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("NIDAA_VAR_DIR", PROJECT_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The fallback key is public (it is in this file): it signs e-mail confirmation
# keys, password resets and sessions, so anyone could forge them. It serves only
# the local development set-up (DEBUG=1, local hosts); anything else refuses it.
FALLBACK_SECRET_KEY = "nidaa-insecure-development-key-change-me-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY", FALLBACK_SECRET_KEY)
LOCAL_HOSTS = ["127.0.0.1", "localhost", "testserver", "[::1]"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])


def weak_secret_key(key: str) -> bool:
    """The fallback key, or a key Django's check --deploy calls weak (W009)."""
    return (
        key == FALLBACK_SECRET_KEY or len(key) < 50 or len(set(key)) < 5 or key.startswith("django-insecure-")
    )


# Refused at start-up rather than reported by a check: a WSGI server runs no
# checks, and each of these hands stored applications to anyone who asks.
if not DEBUG and weak_secret_key(SECRET_KEY):
    raise ImproperlyConfigured(
        "SECRET_KEY is unset or weak: set it to 50 or more random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 on a development machine."
    )
if DEBUG and set(ALLOWED_HOSTS) - set(LOCAL_HOSTS):
    # DEBUG serves /media/ (stored applications) to anyone and shows settings on error pages.
    raise ImproperlyConfigured(
        f"DEBUG is on with non-local ALLOWED_HOSTS ({', '.join(ALLOWED_HOSTS)}): DEBUG is for "
        f"{', '.join(LOCAL_HOSTS)} only."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "nidaa.common",
    "nidaa.accounts",
    "nidaa.directory",
    "nidaa.calls",
    "nidaa.applications",
    "nidaa.inbox",
    "nidaa.alerts",
    "nidaa.evaluation",
    "nidaa.missions",
    "nidaa.questionnaires",
    "nidaa.reports",
    "nidaa.demo",
    "allauth",
    "allauth.account",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    # First: the arrival time, before any middleware or view reads the body.
    "nidaa.common.middleware.RequestArrivalMiddleware",
    "nidaa.common.middleware.RequestSizeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nidaa.common.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "nidaa.urls"
WSGI_APPLICATION = "nidaa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nidaa.accounts.context_processors.menu",
            ],
        },
    },
    # The catalogue's hot fragments (a page of results, the search form's inputs,
    # a call's public fields) are Jinja2 templates in the apps' jinja2/ folders,
    # printed inside the Django pages (nidaa/common/jinja.py): a variable costs
    # compiled Python there rather than a walk through Django's template nodes.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "nidaa.common.jinja.environment"},
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nidaa.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3 binds parameters on the server: a statement a connection runs
    # again (the catalogue's pages, the call page) is prepared once by psycopg
    # and planned from then on without being parsed (prepare_threshold).
    DATABASES["default"].setdefault("OPTIONS", {})["server_side_binding"] = env_bool(
        "DB_SERVER_SIDE_BINDING", True
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
# Where someone lands after signing in depends on who they are (members on
# their organisation's calls, applicants on the catalogue or their
# applications): accounts.adapter.AccountAdapter.get_login_redirect_url.
LOGIN_REDIRECT_URL = "calls:dashboard"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("ar", _("Arabic")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Calls are published in Morocco: deadlines are read and shown in its time.
TIME_ZONE = "Africa/Casablanca"
# Dates as each language writes them here (nidaa/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["nidaa.formats"]

STATIC_URL = "static/"
# The project-wide assets (nidaa/static) are not inside an app, so list them.
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded ToR documents larger than this are refused before they are read.
NIDAA_TOR_MAX_BYTES = env_int("NIDAA_TOR_MAX_BYTES", 20 * 1024 * 1024)
# Open data: the OCDS ocid prefix registered for this instance, the publisher's
# name, and the JSON API's rate limit per client ("" turns it off).
NIDAA_OCID_PREFIX = env_str("NIDAA_OCID_PREFIX", "ocds-nidaa-")
NIDAA_OCDS_PUBLISHER = env_str("NIDAA_OCDS_PUBLISHER", "Nidaa")
NIDAA_API_RATE_LIMIT = env_str("NIDAA_API_RATE_LIMIT", "300/m")
# Searches and filtered lists of the catalogue's pages per client ("" for none);
# feeds and OCDS count against NIDAA_API_RATE_LIMIT (nidaa/common/ratelimit.py).
NIDAA_SEARCH_RATE_LIMIT = env_str("NIDAA_SEARCH_RATE_LIMIT", "120/m")
# Behind a reverse proxy, the number of proxies whose X-Forwarded-For to trust:
# one setting for every rate limit (common.ratelimit.client_address, the API's
# throttle, and allauth's sign-up, sign-in and password reset limits).
NINJA_NUM_PROXIES = env_int("NINJA_NUM_PROXIES", 0) or None
ALLAUTH_TRUSTED_PROXY_COUNT = NINJA_NUM_PROXIES or 0
# django-ratelimit's "ip" keys (the apply form's user_or_ip) by the same rule.
RATELIMIT_IP_META_KEY = "nidaa.common.ratelimit.client_address"

# Each file of an application larger than this is refused.
NIDAA_APPLICATION_MAX_BYTES = env_int("NIDAA_APPLICATION_MAX_BYTES", 20 * 1024 * 1024)
# No uploaded file is buffered past this size, whatever the form (see common/uploads.py).
NIDAA_MAX_UPLOAD_BYTES = env_int("NIDAA_MAX_UPLOAD_BYTES", max(NIDAA_TOR_MAX_BYTES, 20 * 1024 * 1024))
FILE_UPLOAD_HANDLERS = [
    "nidaa.common.uploads.MaxSizeUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# A whole request (every file and field together) and how many files it may
# carry: an application has one file per required piece (eleven kinds and the
# "other" pieces a ToR lists: thirty leaves room).
NIDAA_MAX_REQUEST_BYTES = env_int(
    "NIDAA_MAX_REQUEST_BYTES", max(100 * 1024 * 1024, 2 * NIDAA_MAX_UPLOAD_BYTES)
)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("NIDAA_MAX_UPLOAD_FILES", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Nidaa <no-reply@nidaa.example.org>")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
# Absolute links in e-mails (alerts, reminders) start with this.
# Fernet keys for secrets kept in the database (mailbox passwords), comma-separated,
# the first encrypting; derived from SECRET_KEY when empty (nidaa/common/secrets.py).
NIDAA_SECRETS_KEYS = env_str("NIDAA_SECRETS_KEYS", "")
NIDAA_SITE_URL = env_str("NIDAA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# What e-mails call the site ("Welcome to Nidaa"): not the host name a request came by.
NIDAA_SITE_NAME = env_str("NIDAA_SITE_NAME", "Nidaa")

# Applicant accounts (django-allauth, e-mail sign-up with mandatory verification).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
# The applicant's real name (first and last), asked at sign-up.
ACCOUNT_SIGNUP_FORM_CLASS = "nidaa.accounts.forms.SignupNamesForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Following the link in the verification e-mail is proof enough: it signs the
# person in (in the browser they signed up from) instead of asking for the password again.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_ADAPTER = "nidaa.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Nidaa] "
# Counted in the cache, shared by every web worker once REDIS_URL is set (below).
ACCOUNT_RATE_LIMITS = {
    "signup": env_str("RATE_LIMIT_SIGNUP", "5/h/ip"),
    "login": env_str("RATE_LIMIT_LOGIN", "20/m/ip"),
    # "key" is the account and the address together (accounts.adapter): a backoff
    # for whoever guesses from one address, no lockout for the account's owner.
    "login_failed": env_str("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key,10/h/key"),
    "reset_password": env_str("RATE_LIMIT_RESET_PASSWORD", "5/h/ip,3/h/key"),
}

# Behind a reverse proxy that sets X-Request-Start (nginx: proxy_set_header
# X-Request-Start "t=${msec}"), a submission is timed from its arrival at the
# proxy, time queued for a worker included. Only where clients cannot set it.
NIDAA_TRUST_REQUEST_START = env_bool("NIDAA_TRUST_REQUEST_START", False)
# Upload buffers of requests in progress: under the var directory rather than
# the system's temporary folder, so a killed worker's leftovers are found.
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "uploads-tmp")
Path(FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)

# Saving or submitting applications, per signed-in user (django-ratelimit).
RATE_LIMIT_APPLY = env_str("RATE_LIMIT_APPLY", "30/m")
# "Test the connection" of a mailbox: each opens a connection to a host an admin typed.
RATE_LIMIT_MAILBOX_TEST = env_str("RATE_LIMIT_MAILBOX_TEST", "10/m")
# Invitations sent or resent, per signed-in user: each mails an address someone typed.
RATE_LIMIT_INVITE = env_str("RATE_LIMIT_INVITE", "60/h")
# Mailboxes on this machine or a private network (10/8, 192.168/16, 127/8 ...) are
# refused unless this is on: a single-organisation set-up with its own mail server.
NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS = env_bool("NIDAA_MAILBOX_ALLOW_PRIVATE_HOSTS", False)

# Rate-limit counts (and other cached values) must be shared between web workers
# and machines: Redis when CACHE_REDIS_URL / REDIS_URL is set, per process otherwise.
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL", env_str("REDIS_URL", ""))
_REDIS_CACHE = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_REDIS_URL}


def _cache(name: str) -> dict[str, Any]:
    if CACHE_REDIS_URL:
        return {**_REDIS_CACHE, "KEY_PREFIX": name}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"nidaa-{name}"}


# "pages": rendered fragments of the catalogue (nidaa/calls/page_cache.py), kept
# apart so that NIDAA_PAGE_CACHE=0 turns them off (make bench-web measures both)
# while rate limits and the catalogue's counts stay cached.
CACHES = {
    "default": _REDIS_CACHE if CACHE_REDIS_URL else _cache("default"),
    "pages": _cache("pages")
    if env_bool("NIDAA_PAGE_CACHE", True)
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}

# Task queue (huey): in-process and immediate unless a Redis broker is configured,
# then `nidaa manage run_huey` is the worker. Periodic tasks use local time
# (utc=False), i.e. TIME_ZONE, which Django exports to the process.
HUEY_REDIS_URL = env_str("HUEY_REDIS_URL", env_str("REDIS_URL", ""))
HUEY: dict[str, object]
if HUEY_REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "nidaa",
        "url": HUEY_REDIS_URL,
        "immediate": False,
        "utc": False,
        "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
    }
else:
    HUEY = {"huey_class": "huey.MemoryHuey", "name": "nidaa", "immediate": True, "utc": False}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# HTTPS: on by default whenever DEBUG is off, so a production set-up that
# forgets a variable is secure rather than silently not (README, "Configuration").
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Behind a TLS-terminating proxy: the header (and value) it sets on HTTPS requests,
# e.g. "X-Forwarded-Proto: https". Only where the proxy overwrites the client's own.
_ssl_header = env_str("SECURE_PROXY_SSL_HEADER", "")
if _ssl_header:
    _header, _colon, _value = _ssl_header.partition(":")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _header.strip().upper().replace("-", "_"), _value.strip())
# Every page's scripts, styles, fonts and images are our own files (no inline
# code): the policy refuses anything else, and framing by any site.
NIDAA_CONTENT_SECURITY_POLICY = env_str(
    "NIDAA_CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
