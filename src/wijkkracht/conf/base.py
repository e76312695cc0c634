"""Settings shared by every environment. Everything that differs comes from the environment.

Fails closed: production refuses to start without a secret key, allowed hosts and a database.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
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


DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
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
    "django_otp.plugins.otp_totp",
    "wijkkracht.ui",
    "wijkkracht.audit",
    "wijkkracht.workflow",
    "wijkkracht.places",
    "wijkkracht.organisations",
    "wijkkracht.councils",
    "wijkkracht.accounts",
    "wijkkracht.people",
    "wijkkracht.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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


def database_from_env(default_url: str | None) -> dict:
    url = env("DATABASE_URL", default_url)
    if not url:
        raise ImproperlyConfigured("DATABASE_URL is required in this environment.")
    config = dj_database_url.parse(url, conn_max_age=60 if url.startswith("postgres") else 0)
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
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

MAILERS = {"default": {"BACKEND": env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")}}
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "noreply@wijkkracht.invalid")

# Where the real CBS data lives: shipped in the repository (places/data/amstelveen, CBS, CC BY 4.0).
WIJKKRACHT_SHARED_DATA = Path(env("WIJKKRACHT_SHARED_DATA", str(BASE_DIR / "places" / "data")))
# The municipality shown on the home page (CBS code).
WIJKKRACHT_MUNICIPALITY = env("WIJKKRACHT_MUNICIPALITY", "GM0362")
# The municipality's theme: ui/static/ui/themes/<name>.css overrides the design tokens (docs/ui.md).
WIJKKRACHT_THEME = env("WIJKKRACHT_THEME", "amstelveen")
# Demo mode shows a banner: people and figures are synthetic.
WIJKKRACHT_DEMO = env_bool("WIJKKRACHT_DEMO", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # Request logs carry URLs only; URLs never carry personal data (UUIDs, no names or e-mail addresses).
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
