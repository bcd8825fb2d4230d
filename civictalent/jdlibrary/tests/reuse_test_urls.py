"""The site's URLs with the reuse pages added to the "jdlibrary" namespace, as they will be once
config/urls.py includes civictalent.jdlibrary.reuse_urls."""

from django.urls import include, path

from civictalent.jdlibrary import reuse_urls
from civictalent.jdlibrary import urls as jdlibrary_urls
from config import urls as config_urls

urlpatterns = [
    path(
        "library/",
        include(([*jdlibrary_urls.urlpatterns, *reuse_urls.urlpatterns], "jdlibrary")),
    ),
    *[p for p in config_urls.urlpatterns if getattr(p, "namespace", None) != "jdlibrary"],
]

handler400 = config_urls.handler400
handler403 = config_urls.handler403
handler404 = config_urls.handler404
handler500 = config_urls.handler500
