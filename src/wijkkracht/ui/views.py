from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def health(request):
    return HttpResponse("ok", content_type="text/plain")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the 500 page must render even when it is down.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render({}), status=500)
