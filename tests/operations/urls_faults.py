from django.db import OperationalError
from django.urls import include, path

from wijkkracht.urls import handler400, handler403, handler404, handler500  # noqa: F401


def database_gone(request):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


urlpatterns = [path("db-weg/", database_gone), path("", include("wijkkracht.urls"))]
