import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def health(request):
    return HttpResponse("ok", content_type="text/plain")


def bad_request(request, exception=None):
    # Never touch request.POST or CSRF here: an unreadable body (e.g. a form declaring charset=latin-1) is what
    # brought us here, and Django's own handler, which checks CSRF and so reads the body again, ends in a 500.
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the 500 page must render even when it is down.
    from django.template import loader

    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        # The database is away (restarting, failing over): a clean 503 the proxy and the browser may retry.
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
