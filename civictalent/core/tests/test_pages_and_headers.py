import pytest
from django.test import Client
from django.urls import include, path

from civictalent.core.permissions import public


@public
def explode(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [path("explode/", explode), path("", include("config.urls"))]
handler500 = "civictalent.core.views.server_error"


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accessibility/", "/privacy/", "/cookies/", "/contact/"])
def test_public_pages_render_in_the_service_layout(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-skip-link"' in html
    assert "govuk-generic-header" in html
    assert "govuk-phase-banner" in html
    assert "Accessibility statement" in html and "Privacy notice" in html
    # Not GOV.UK: no crown, no GOV.UK header, no GDS Transport.
    assert "govuk-header__logotype" not in html
    assert "GDS Transport" not in html


@pytest.mark.django_db
def test_strict_security_headers_on_a_real_response(client: Client) -> None:
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert "<script>" not in html
    assert "<style" not in html
    assert " style=" not in html


@pytest.mark.django_db
def test_cookies_are_httponly_and_same_site(client: Client) -> None:
    response = client.get("/accounts/login/")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_not_found_page_is_friendly(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_server_error_page_shows_no_stack_trace() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, there is a problem with the service" in html
    assert "secret internal detail" not in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_bad_host_gets_the_400_page(client: Client, settings) -> None:
    settings.ALLOWED_HOSTS = ["civictalent.example"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "problem with your request" in response.content.decode()
