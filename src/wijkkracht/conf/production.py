"""Production. Refuses to start without its secrets: nothing permissive by default."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, database_from_env

if not SECRET_KEY or len(SECRET_KEY) < 32:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set (at least 32 characters) in production.")
if not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")

DATABASES = {"default": database_from_env(None)}
DEBUG = False
WIJKKRACHT_REQUIRE_STAFF_2FA = True
WIJKKRACHT_DEMO = False
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
