"""The project's URLs with the curation pages inside the "jdlibrary" namespace, as the library's
urls.py will include them."""

from django.urls import include, path

import civictalent.jdlibrary.curation_rules  # noqa: F401 - registers "jdlibrary.curate"
from civictalent.jdlibrary import curation_urls
from civictalent.jdlibrary import urls as jdlibrary_urls
from config import urls as config_urls

urlpatterns = [
    path(
        "library/",
        include(([*jdlibrary_urls.urlpatterns, *curation_urls.urlpatterns], "jdlibrary")),
    ),
    *[p for p in config_urls.urlpatterns if getattr(p, "namespace", None) != "jdlibrary"],
]

handler400 = config_urls.handler400
handler403 = config_urls.handler403
handler404 = config_urls.handler404
handler500 = config_urls.handler500
