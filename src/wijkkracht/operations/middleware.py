"""HTTP rules every page follows, whatever its app: HEAD like GET, no storing of personal pages."""

from django.utils.cache import patch_cache_control


class HeadAsGetMiddleware:
    """Answer HEAD wherever GET is answered (RFC 9110: HEAD is GET without the body).

    Views are written with require_GET / require_http_methods(["GET", ...]); rather than teach each one
    about HEAD, the view sees a GET and the body is dropped on the way out, headers (Content-Length too) kept.
    `request.head_only` tells a view that nothing it renders will be shown."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        request.head_only = True  # the view may skip what only a shown body needs (an access-log row)
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        else:
            length = len(response.content)
            response.content = b""
            response.headers["Content-Length"] = str(length)
        return response


class PrivateNoStoreMiddleware:
    """Whatever is rendered for a logged-in user may hold personal or staff data: browsers and proxies must not
    keep it (Cache-Control: no-store, private). Public pages for anonymous visitors are unaffected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response
