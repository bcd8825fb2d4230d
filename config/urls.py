from django.contrib import admin
from django.urls import include, path

from civictalent.api.api import api
from civictalent.core.admin import configure_admin_site
from civictalent.jobs.sitemaps import sitemap

configure_admin_site(admin.site)

urlpatterns = [
    path("", include("civictalent.core.urls")),
    path("accounts/", include("allauth.urls")),
    path("account/", include("civictalent.accounts.urls")),
    path("organisations/", include("civictalent.organisations.urls")),
    path("organisations/<slug:slug>/api-tokens/", include("civictalent.api.urls")),
    path("framework/", include("civictalent.framework.urls")),
    path("salaries/", include("civictalent.salaries.urls")),
    path("library/", include("civictalent.jdlibrary.urls")),
    path("health-check/", include("civictalent.healthcheck.urls")),
    path("health-check/", include("civictalent.jdlibrary.health_urls")),
    path("jobs/", include("civictalent.jobs.urls")),
    path("alerts/", include("civictalent.alerts.urls")),
    path("capabilities/", include("civictalent.maturity.capability_urls")),
    path("maturity/", include("civictalent.maturity.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "civictalent.core.views.bad_request"
handler403 = "civictalent.core.views.permission_denied"
handler404 = "civictalent.core.views.page_not_found"
handler500 = "civictalent.core.views.server_error"
