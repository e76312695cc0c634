"""Settings shared by every environment. Everything that differs comes from the environment.

Fails closed: production refuses to start without a secret key, allowed hosts and a database.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/wijkkracht
REPO_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("WIJKKRACHT_VAR_DIR", REPO_DIR / "var"))


def env(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"Environment variable {name} is required in this environment.")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
# Rotation (docs/operations.md): the previous key(s) keep sessions and reset links valid for a while.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS: list[str] = [h for h in (env("DJANGO_ALLOWED_HOSTS") or "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "wijkkracht.ui.apps.WijkkrachtAdminConfig",
    "django_htmx",
    "django_otp",
    "wijkkracht.ui.apps.TOTPConfig",  # django_otp.plugins.otp_totp, with translatable names
    "django_tasks_db",
    "wijkkracht.ui",
    "wijkkracht.audit",
    "wijkkracht.workflow",
    "wijkkracht.background",
    "wijkkracht.mail",
    "wijkkracht.places",
    "wijkkracht.organisations",
    "wijkkracht.councils",
    "wijkkracht.accounts",
    "wijkkracht.people",
    "wijkkracht.initiatives",
    "wijkkracht.volunteers",
    "wijkkracht.activities",
    "wijkkracht.support",
    "wijkkracht.board",
    "wijkkracht.concerns",
    "wijkkracht.pages",
    "wijkkracht.demo",
    "wijkkracht.operations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # HEAD is answered wherever GET is (the view sees GET; the body is dropped on the way out).
    "wijkkracht.operations.middleware.HeadAsGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "wijkkracht.accounts.middleware.TwoFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Responses made for a logged-in user (personal or staff data) are never stored by a browser or proxy.
    "wijkkracht.operations.middleware.PrivateNoStoreMiddleware",
    # Innermost: anonymous public pages (WIJKKRACHT_PUBLIC_PAGES) are rendered once and served from the cache.
    "wijkkracht.operations.pagecache.PublicPageCacheMiddleware",
]

ROOT_URLCONF = "wijkkracht.urls"
WSGI_APPLICATION = "wijkkracht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkkracht.ui.context_processors.site",
            ],
        },
    }
]

# Database: embedded SQLite (WAL) by default; PostgreSQL through DATABASE_URL.
SQLITE_PATH = VAR_DIR / "wijkkracht.sqlite3"
# Uploaded files (receipts). Never served as static media: views check the policy and stream them.
MEDIA_ROOT = Path(os.environ.get("WIJKKRACHT_MEDIA_DIR", VAR_DIR / "media"))


def database_from_env(default_url: str | None) -> dict:
    url = env("DATABASE_URL", default_url)
    if not url:
        raise ImproperlyConfigured("DATABASE_URL is required in this environment.")
    postgres = url.startswith("postgres")
    # Persistent PostgreSQL connections, checked before reuse: after a database restart the first request
    # reconnects instead of failing (docs/operations.md).
    config = dj_database_url.parse(url, conn_max_age=60 if postgres else 0, conn_health_checks=postgres)
    if postgres:
        config.setdefault("OPTIONS", {})["connect_timeout"] = int(env("WIJKKRACHT_DB_CONNECT_TIMEOUT", "3"))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers work while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    return config


DATABASES = {"default": database_from_env(f"sqlite:///{SQLITE_PATH}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["wijkkracht.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "places:home"
LOGOUT_REDIRECT_URL = "places:home"

# Argon2id, tuned so a login costs tens of milliseconds on a small server (ADR 0001), not 450 ms.
PASSWORD_HASHERS = [
    "wijkkracht.accounts.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two-factor login (TOTP) for staff roles. On in production; the demo may switch it off.
WIJKKRACHT_REQUIRE_STAFF_2FA = env_bool("WIJKKRACHT_REQUIRE_STAFF_2FA", True)
OTP_TOTP_ISSUER = "Wijkkracht"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [Path(env("WIJKKRACHT_LOCALE_DIR", str(BASE_DIR / "locale")))]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(REPO_DIR / "staticfiles")))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (Django's own): every script and style comes from this site as a file; nothing inline,
# nothing from elsewhere (no CDN), no framing, forms post only here.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Caches: pages for anonymous visitors (operations.pagecache). Shared by every server process on this machine
# (files in var/cache) unless CACHE_URL points at Redis (redis://...), which several machines can share.
CACHE_URL = env("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL.startswith(("redis://", "rediss://", "unix://"))
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    )
}
# Views whose anonymous GET responses are the same for every visitor (apart from the CSRF token) and may be
# served from the cache. A write to any table outside WIJKKRACHT_PAGECACHE_IGNORED_TABLES empties the cache.
WIJKKRACHT_PUBLIC_PAGES = [
    "places:home",
    "places:district",
    "places:neighbourhood",
    "places:centre",
    "councils:detail",
    "initiatives:list",
    "initiatives:budgets",
    "activities:calendar",
    "activities:activity",
    "board:index",
    "board:offer_help",
    "board:district",
    "board:post",
]
WIJKKRACHT_PAGECACHE_TTL = int(env("WIJKKRACHT_PAGECACHE_TTL", "300"))
WIJKKRACHT_PAGECACHE_IGNORED_TABLES = (
    "django_session",
    "django_admin_log",
    "audit_",
    "otp_",
    "accounts_throttleevent",  # counted login/sign-up/reset attempts: failed logins must not empty the cache
    "django_tasks",
    "background_",
    "mail_",
)

# Background tasks (docs/architecture.md, "Tasks and periodic jobs"): the database queue by default, embedded like
# SQLite; Redis through RQ where one machine is not enough (WIJKKRACHT_TASKS=rq, REDIS_URL). The worker is
# `manage.py worker`, periodic jobs are enqueued by `manage.py scheduler` (cron/systemd timer every minute).
TASK_QUEUES = ["default"]


def tasks_from_env() -> dict:
    kind = env("WIJKKRACHT_TASKS", "db")
    if kind == "db":
        return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
    if kind == "rq":
        return {
            "default": {
                "BACKEND": "wijkkracht.background.redis_queue.RQBackend",
                "QUEUES": TASK_QUEUES,
                "OPTIONS": {"REDIS_URL": env("REDIS_URL", "redis://127.0.0.1:6379/0")},
            }
        }
    raise ImproperlyConfigured(f"WIJKKRACHT_TASKS must be 'db' or 'rq', not {kind!r}.")


TASKS = tasks_from_env()

# Every message goes into the outbox ("default") and a task delivers it through "delivery" (wijkkracht.mail).
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def delivery_mailer_from_env() -> dict:
    """The mailer that really sends: SMTP by default (host, port, account and STARTTLS from the environment; a
    timeout, so a mail server that stops answering cannot hold a worker forever), or DJANGO_EMAIL_BACKEND."""
    backend = env("DJANGO_EMAIL_BACKEND", SMTP_BACKEND)
    if backend != SMTP_BACKEND:
        return {"BACKEND": backend}
    return {
        "BACKEND": backend,
        "OPTIONS": {
            "host": env("DJANGO_EMAIL_HOST", "localhost"),
            "port": int(env("DJANGO_EMAIL_PORT", "25") or 25),
            "username": env("DJANGO_EMAIL_USER", ""),
            "password": env("DJANGO_EMAIL_PASSWORD", ""),
            "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
            "timeout": float(env("DJANGO_EMAIL_TIMEOUT", "30") or 30),
        },
    }


MAILERS = {
    "default": {"BACKEND": "wijkkracht.mail.backends.OutboxBackend"},
    "delivery": delivery_mailer_from_env(),
}
# The demo mailbox (/postvak/): administrators read delivered mail there. Only with the MailboxBackend.
WIJKKRACHT_MAILBOX = env_bool("WIJKKRACHT_MAILBOX", False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "noreply@wijkkracht.invalid")
# The site's own address, for links in mail sent without a request (reminders from periodic jobs).
WIJKKRACHT_SITE_URL = (env("WIJKKRACHT_SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")

# Where the real CBS data lives: shipped in the repository (places/data/amstelveen, CBS, CC BY 4.0).
WIJKKRACHT_SHARED_DATA = Path(env("WIJKKRACHT_SHARED_DATA", str(BASE_DIR / "places" / "data")))
# The municipality shown on the home page (CBS code).
WIJKKRACHT_MUNICIPALITY = env("WIJKKRACHT_MUNICIPALITY", "GM0362")
# The municipality's theme: ui/static/ui/themes/<name>.css overrides the design tokens (docs/ui.md).
WIJKKRACHT_THEME = env("WIJKKRACHT_THEME", "amstelveen")
# Demo mode shows a banner: people and figures are synthetic.
WIJKKRACHT_DEMO = env_bool("WIJKKRACHT_DEMO", False)
# Help request categories residents choose from, in this order (support.constants.Category values).
WIJKKRACHT_SUPPORT_CATEGORIES = env_list(
    "WIJKKRACHT_SUPPORT_CATEGORIES", "shopping,transport,company,small_jobs,paperwork,digital,other"
)
# The safety net: intake within N working days, a helper within M days, a check-in N weeks after closing
# (vulnerable residents).
WIJKKRACHT_SUPPORT_INTAKE_WORKING_DAYS = int(env("WIJKKRACHT_SUPPORT_INTAKE_WORKING_DAYS", "3"))
WIJKKRACHT_SUPPORT_MATCH_DAYS = int(env("WIJKKRACHT_SUPPORT_MATCH_DAYS", "14"))
WIJKKRACHT_SUPPORT_FOLLOW_UP_WEEKS = int(env("WIJKKRACHT_SUPPORT_FOLLOW_UP_WEEKS", "6"))
# Closed help requests are anonymised this many days after closing (support.anonymise_closed).
WIJKKRACHT_SUPPORT_ANONYMISE_DAYS = int(env("WIJKKRACHT_SUPPORT_ANONYMISE_DAYS", "365"))
# Closed concerns are anonymised this many days after closing (concerns.anonymise_closed).
WIJKKRACHT_CONCERNS_ANONYMISE_DAYS = int(env("WIJKKRACHT_CONCERNS_ANONYMISE_DAYS", "365"))
# Matching helpers to help requests: how far (metres, between neighbourhood centroids) a helper is asked to go,
# and how many hours a week one match takes (a helper takes max_hours_per_week // this many requests at once).
WIJKKRACHT_SUPPORT_REACH_M = int(env("WIJKKRACHT_SUPPORT_REACH_M", "5000"))
WIJKKRACHT_SUPPORT_HOURS_PER_MATCH = int(env("WIJKKRACHT_SUPPORT_HOURS_PER_MATCH", "2"))

# /status/ reports the task queue as stalled when its oldest due task has waited longer than this (seconds).
WIJKKRACHT_HEALTH_TASK_MAX_WAIT = int(env("WIJKKRACHT_HEALTH_TASK_MAX_WAIT", "600"))

# Logs: one JSON object per line (WIJKKRACHT_LOG_FORMAT=plain for a terminal). No personal data: request logs
# carry the method, the path without its query string and the status; URLs never carry personal data (UUIDs,
# no names or e-mail addresses); exception messages (which may quote stored values) are left out, their type
# and stack are kept. A 403 or a 503 is one line, never a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"quiet_expected": {"()": "wijkkracht.operations.logs.QuietExpectedErrors"}},
    "formatters": {
        "json": {"()": "wijkkracht.operations.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env("WIJKKRACHT_LOG_FORMAT", "json")},
    },
    "root": {"handlers": ["console"], "level": env("WIJKKRACHT_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["quiet_expected"]},
        "django.security.csrf": {"filters": ["quiet_expected"]},
    },
}
