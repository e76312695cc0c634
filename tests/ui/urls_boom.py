from django.urls import include, path

from wijkkracht.urls import handler400, handler403, handler404, handler500  # noqa: F401


def boom(request):
    raise RuntimeError("secret stack detail")


urlpatterns = [path("boom/", boom), path("", include("wijkkracht.urls"))]
