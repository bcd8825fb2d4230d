"""The real URLs, plus the smallest possible view: the baseline every page is compared with."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from civictalent.core.permissions import public


@public
def minimal(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [
    path("bench/minimal/", minimal, name="bench-minimal"),
    path("", include("config.urls")),
]
