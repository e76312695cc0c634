"""Production. Refuses to start without its secrets: nothing permissive by default."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, MIDDLEWARE, SECRET_KEY, database_from_env, env, env_bool, env_list

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

# TLS ends at a proxy in front (docs/operations.md). It sets X-Forwarded-Proto; a request that says https is
# served, anything else is redirected to https. Switch off only when nothing but the proxy can reach the server
# AND the proxy does not send the header (DJANGO_BEHIND_PROXY=0: then Django sees every request as plain http).
if env_bool("DJANGO_BEHIND_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# The health endpoints answer over plain http too: the proxy and the monitor ask them on loopback.
SECURE_REDIRECT_EXEMPT = [r"^gezond/$", r"^status/$"]
# Origins allowed to POST (the public https address); by default https:// + every allowed host.
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS") or [
    f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"
]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)

# Static files: served by WhiteNoise from STATIC_ROOT (`make serve` runs collectstatic), compressed (gzip and
# Brotli) and with content hashes in their names, so they are cached for a year and never go stale.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
