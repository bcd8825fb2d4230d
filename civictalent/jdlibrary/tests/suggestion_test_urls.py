"""The project's URLs with the suggestion pages inside the "jdlibrary" namespace, as the
library's urls.py will include them."""

from django.urls import include, path

from civictalent.jdlibrary import suggestion_urls
from civictalent.jdlibrary import urls as jdlibrary_urls
from config import urls as config_urls

urlpatterns = [
    path(
        "library/",
        include(([*jdlibrary_urls.urlpatterns, *suggestion_urls.urlpatterns], "jdlibrary")),
    ),
    *[p for p in config_urls.urlpatterns if getattr(p, "namespace", None) != "jdlibrary"],
]

handler400 = config_urls.handler400
handler403 = config_urls.handler403
handler404 = config_urls.handler404
handler500 = config_urls.handler500
