"""Public pages rendered once, served from the cache to every anonymous visitor.

Why: the home, district and centre pages are the same for every visitor who is not logged in, and drawing their
maps costs ~20x what serving a cached copy does (docs/benchmarks.md). What may be cached is narrow on purpose:

- only views named in settings.WIJKKRACHT_PUBLIC_PAGES, only GET (and HEAD), only without a query string;
- only for a visitor with no session cookie and no message cookie: without a session nobody is logged in, so the
  page cannot hold anyone's personal data or a personal menu; a logged-in visitor always gets a fresh render;
- the key holds the language; the CSRF token is cut out before storing and a fresh one for this visitor is put
  back in on every hit (so the CSRF cookie is set as usual);
- only complete 200 responses that set no cookie and are not marked private or no-store.

Invalidation: every write to a table outside settings.WIJKKRACHT_PAGECACHE_IGNORED_TABLES (sessions, the audit
trail, login bookkeeping, the task queue) moves the cache to a new generation once it is committed; until then
the writing connection neither reads nor fills the cache. Writes are seen in the database layer (an execute
wrapper on every connection), so services, the admin, management commands, tasks, bulk updates and raw SQL all
count. Entries also expire after settings.WIJKKRACHT_PAGECACHE_TTL seconds (0 switches the cache off).
"""

from __future__ import annotations

import logging
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.middleware.csrf import get_token

logger = logging.getLogger(__name__)

GENERATION_KEY = "wk:pages:generation"
_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_HOLE = b"\x00csrf\x00"
_WRITE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+["`]?([A-Za-z0-9_]+)', re.IGNORECASE
)


# --- invalidation ------------------------------------------------------------------------------------------


def invalidate() -> None:
    """Start a new generation: every page cached so far is never served again."""
    try:
        cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache that is down must not break a write; its pages expire by TTL
        logger.warning("page cache: could not start a new generation", exc_info=True)


def _generation() -> str:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = uuid.uuid4().hex
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


# Login bookkeeping (Django's update_last_login) changes nothing any page shows.
_LAST_LOGIN_ONLY = re.compile(r'^\s*UPDATE\s+\S+\s+SET\s+["`]?last_login["`]?\s*=\s*%s\s+WHERE', re.IGNORECASE)


def _affects_pages(sql: str) -> bool:
    if not sql or sql.lstrip()[:1].upper() not in ("I", "U", "D", "T"):
        return False
    match = _WRITE.match(sql)
    return (
        bool(match)
        and not match.group(1).lower().startswith(settings.WIJKKRACHT_PAGECACHE_IGNORED_TABLES)
        and not _LAST_LOGIN_ONLY.match(sql)
    )


def _pending(connection) -> bool:
    """This connection wrote to page data in a transaction that has not committed yet."""
    return connection.in_atomic_block and any(func is invalidate for _sids, func, _robust in connection.run_on_commit)


def _make_wrapper(connection):
    def invalidate_on_write(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if _affects_pages(sql):
            if not connection.in_atomic_block:
                invalidate()
            elif not _pending(connection):
                # Once per transaction (again if a rolled-back savepoint took the callback with it). Until the
                # commit, this connection sees data nobody else does: it neither reads nor fills the cache.
                connection.on_commit(invalidate, robust=True)
        return result

    invalidate_on_write.wijkkracht_pagecache = True
    return invalidate_on_write


def watch_writes(sender, connection, **kwargs) -> None:
    """connection_created: make this connection report its writes (once per connection object)."""
    if not any(getattr(w, "wijkkracht_pagecache", False) for w in connection.execute_wrappers):
        connection.execute_wrappers.append(_make_wrapper(connection))


# --- serving -----------------------------------------------------------------------------------------------


def _cacheable(request) -> bool:
    return (
        settings.WIJKKRACHT_PAGECACHE_TTL > 0
        and not _pending(connections[DEFAULT_DB_ALIAS])
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


class PublicPageCacheMiddleware:
    """Innermost middleware: every outer one (security headers, CSP, language, CSRF cookie) still runs on a hit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_wk_pagecache_key", None)
        if key and self._storable(response):
            content = _TOKEN.sub(rb"\1" + _HOLE + rb"\2", response.content)
            try:
                cache.set(key, (response["Content-Type"], content), settings.WIJKKRACHT_PAGECACHE_TTL)
            except Exception:
                logger.warning("page cache: could not store a page", exc_info=True)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in settings.WIJKKRACHT_PUBLIC_PAGES or not _cacheable(request):
            return None
        try:
            key = f"wk:page:{_generation()}:{getattr(request, 'LANGUAGE_CODE', '')}:{request.path}"
            hit = cache.get(key)
        except Exception:
            logger.warning("page cache: unavailable, rendering", exc_info=True)
            return None
        if hit is None:
            request._wk_pagecache_key = key
            return None
        from django.http import HttpResponse

        content_type, content = hit
        token = get_token(request).encode()
        response = HttpResponse(content.replace(_HOLE, token), content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _storable(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )
