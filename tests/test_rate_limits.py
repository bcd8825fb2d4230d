"""Rate limits against the real views: sign-in lockout, sign-up and password reset (allauth's
limits, as config/settings/base.py sets them), the health checker, every upload and the API
(civictalent/core/ratelimit.py).

Our fixed windows are counted against a fixed clock, so no test can straddle two windows. The
autouse ``empty_cache`` fixture starts every test with nothing counted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from civictalent.accounts.adapters import ACCOUNT_ERROR_MESSAGES
from civictalent.accounts.models import User
from civictalent.core import ratelimit
from civictalent.core.ratelimit import API_ANONYMOUS, API_SIGNED_IN, HEALTH_CHECKS, UPLOADS
from civictalent.jobs.imports import example_file
from civictalent.jobs.models import VacancyImport

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOCKED_OUT = ACCOUNT_ERROR_MESSAGES["too_many_login_attempts"]
WRONG_PASSWORD = ACCOUNT_ERROR_MESSAGES["email_password_mismatch"]
ADVERT = "We are looking for a rockstar ninja to join our fast-paced team. " * 3
FIXED_NOW = 1_800_000_000.0 + 5  # five seconds into a window of every length we use


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ratelimit, "clock", lambda: FIXED_NOW)


def rates(action: str) -> list[tuple[int, str]]:
    """(amount, per) for each rate the settings give an allauth action."""
    found = []
    for part in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _, per = part.split("/")
        found.append((int(amount), per))
    return found


def per_key(action: str) -> int:
    return next(amount for amount, per in rates(action) if per == "key")


def per_ip(action: str) -> int:
    return next(amount for amount, per in rates(action) if per == "ip")


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def use_up(limit: ratelimit.Limit, identity: str, leaving: int = 0) -> None:
    """Count attempts until only ``leaving`` are left in the current window."""
    for _ in range(limit.amount - leaving):
        ratelimit.hit(limit, identity)


def assert_our_429_page(response: Any) -> None:
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert "try again" in html.lower()
    assert 'class="govuk-heading-l"' in html, "our page in the service layout, not a bare one"
    assert int(response["Retry-After"]) > 0


def login(client: Client, email: str, password: str) -> str:
    response = client.post(reverse("account_login"), {"login": email, "password": password})
    return response.content.decode() if response.status_code == 200 else ""


# Sign-in lockout ------------------------------------------------------------------------------


def test_the_settings_keep_allauth_limits_on_in_tests() -> None:
    from allauth.account import app_settings

    assert settings.ACCOUNT_RATE_LIMITS, "test settings must not turn the limits off"
    assert app_settings.RATE_LIMITS["login_failed"] == "10/m/ip,5/15m/key"
    assert per_key("login_failed") == 5
    assert settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.dummy.DummyCache"


def test_after_too_many_failed_sign_ins_even_the_right_password_is_refused(
    make_user: Callable[..., User],
) -> None:
    user = make_user(email="jo@hackney.gov.uk")
    client = Client()
    for _ in range(per_key("login_failed")):
        assert WRONG_PASSWORD in login(client, user.email, "not the password")

    page = login(client, user.email, PASSWORD)

    assert LOCKED_OUT in page
    assert "_auth_user_id" not in client.session
    # Another account from the same connection is not locked out.
    other = make_user(email="sam@hackney.gov.uk")
    response = Client().post(reverse("account_login"), {"login": other.email, "password": PASSWORD})
    assert response.status_code == 302


def test_the_lockout_says_nothing_about_whether_the_account_exists(
    make_user: Callable[..., User],
) -> None:
    user = make_user(email="jo@hackney.gov.uk")
    pages = {}
    for email in (user.email, "nobody@hackney.gov.uk"):
        cache.clear()
        client = Client()
        failures = [login(client, email, "not the password") for _ in range(5)]
        assert all(WRONG_PASSWORD in page for page in failures)
        pages[email] = login(client, email, PASSWORD if email == user.email else "anything")
    for page in pages.values():
        assert LOCKED_OUT in page
        assert WRONG_PASSWORD not in page
        assert "not assigned to any user account" not in page


# Sign-up and password reset -------------------------------------------------------------------


def test_too_many_sign_ups_from_one_connection_get_our_429_page() -> None:
    client = Client()
    url = reverse("account_signup")
    for number in range(per_ip("signup")):
        response = client.post(url, {"email": f"person{number}@example.org", "password1": "x"})
        assert response.status_code == 200, "a form error, counted"

    response = client.post(url, {"email": "one.more@example.org", "password1": "x"})

    assert_our_429_page(response)
    assert client.get(url).status_code == 200, "reading the form is not limited"
    assert not User.objects.exists()


def test_too_many_password_resets_for_one_address_get_our_429_page(
    make_user: Callable[..., User],
) -> None:
    user = make_user(email="jo@hackney.gov.uk")
    client = Client()
    url = reverse("account_reset_password")
    for _ in range(per_key("reset_password")):
        assert client.post(url, {"email": user.email}).status_code == 302
    sent = len(mail.outbox)

    response = client.post(url, {"email": user.email})

    assert_our_429_page(response)
    assert len(mail.outbox) == sent, "no more reset emails"
    # An unknown address is limited the same way, so the limit reveals nothing.
    cache.clear()
    for _ in range(per_key("reset_password")):
        assert client.post(url, {"email": "nobody@hackney.gov.uk"}).status_code == 302
    assert client.post(url, {"email": "nobody@hackney.gov.uk"}).status_code == 429


# Health checker -------------------------------------------------------------------------------


def test_the_health_checker_counts_each_check_and_answers_429_beyond_its_limit() -> None:
    client = Client()
    url = reverse("healthcheck:checker")
    assert client.post(url, {"text": ADVERT}).status_code == 200
    assert client.post(url, {"text": ADVERT}).status_code == 200
    key = ratelimit.cache_key(HEALTH_CHECKS, "ip:127.0.0.1", FIXED_NOW)
    assert cache.get(key) == 2, "each real check is counted, by address"
    use_up(HEALTH_CHECKS, "ip:127.0.0.1", leaving=3)

    last = client.post(url, {"text": ADVERT})
    assert last.status_code == 200 and "rockstar" in last.content.decode()

    response = client.post(url, {"text": ADVERT})
    assert_our_429_page(response)
    assert int(response["Retry-After"]) == HEALTH_CHECKS.window_seconds - 5
    assert "Try again in 10 minutes." in response.content.decode()
    assert client.get(url).status_code == 200, "reading the page is not limited"
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert other.post(url, {"text": ADVERT}).status_code == 200, "limits are per address"


def test_a_signed_in_person_is_counted_by_account_not_address(
    make_user: Callable[..., User],
) -> None:
    user = make_user()
    use_up(HEALTH_CHECKS, "ip:127.0.0.1")
    assert Client().post(reverse("healthcheck:checker"), {"text": ADVERT}).status_code == 429
    client = signed_in(user)
    assert client.post(reverse("healthcheck:checker"), {"text": ADVERT}).status_code == 200


# Uploads --------------------------------------------------------------------------------------

UPLOAD_PAGES = [
    ("jdlibrary:contribute", {}, "editor_a"),
    ("jobs:imports", {"slug": "hackney"}, "editor_a"),
    ("salaries:payscales_spine_import", {}, "platform_admin"),
    ("salaries:payscales_grade_map_import", {}, "platform_admin"),
]


@pytest.mark.parametrize(("name", "kwargs", "role"), UPLOAD_PAGES)
def test_every_upload_answers_429_beyond_its_limit(
    people: dict[str, User | None], name: str, kwargs: dict[str, str], role: str
) -> None:
    user = people[role]
    assert user is not None
    client = signed_in(user)
    url = reverse(name, kwargs=kwargs)
    use_up(UPLOADS, f"user:{user.pk}", leaving=1)

    allowed = client.post(url, {"file": io.BytesIO(b"")})
    assert allowed.status_code == 200, "the last attempt in the window is answered as usual"
    limited = client.post(url, {"file": io.BytesIO(b"")})

    assert_our_429_page(limited)
    assert int(limited["Retry-After"]) == UPLOADS.window_seconds - 5
    assert client.get(url).status_code == 200
    other = people["admin_a" if role == "editor_a" else "platform_admin"]
    if other is not user and other is not None:
        assert signed_in(other).post(url, {"file": io.BytesIO(b"")}).status_code == 200


def test_a_limited_upload_saves_nothing(people: dict[str, User | None]) -> None:
    editor = people["editor_a"]
    assert editor is not None
    use_up(UPLOADS, f"user:{editor.pk}")
    upload = io.BytesIO(example_file("csv").encode())
    upload.name = "vacancies.csv"

    response = signed_in(editor).post(
        reverse("jobs:imports", kwargs={"slug": "hackney"}), {"file": upload}
    )

    assert response.status_code == 429
    assert not VacancyImport.objects.exists()


def test_people_without_permission_are_turned_away_before_they_are_counted(
    people: dict[str, User | None],
) -> None:
    member = people["member_a"]
    assert member is not None
    response = signed_in(member).post(reverse("jdlibrary:contribute"), {})
    assert response.status_code == 403
    key = ratelimit.cache_key(UPLOADS, f"user:{member.pk}", FIXED_NOW)
    assert cache.get(key) is None


# API ------------------------------------------------------------------------------------------

PARSE = "/api/salaries/parse?text=%C2%A330%2C000"


def test_the_api_answers_429_in_json_beyond_the_anonymous_limit() -> None:
    client = Client()
    use_up(API_ANONYMOUS, "ip:127.0.0.1", leaving=1)
    assert client.get(PARSE).status_code == 200

    response = client.get(PARSE)

    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"detail": "Too many requests."}
    assert int(response["Retry-After"]) == API_ANONYMOUS.window_seconds - 5
    # A spoofed X-Forwarded-For does not buy a fresh allowance.
    assert client.get(PARSE, HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    assert Client(REMOTE_ADDR="192.0.2.7").get(PARSE).status_code == 200


def test_the_api_counts_signed_in_people_by_account_with_their_own_allowance(
    make_user: Callable[..., User],
) -> None:
    user = make_user()
    use_up(API_ANONYMOUS, "ip:127.0.0.1")
    client = signed_in(user)
    assert client.get(PARSE).status_code == 200
    use_up(API_SIGNED_IN, f"user:{user.pk}")
    response = client.get(PARSE)
    assert response.status_code == 429
    assert response.json()["detail"] == "Too many requests."


def test_every_api_operation_is_throttled() -> None:
    from civictalent.api.api import api

    operations = [
        operation
        for bound in api._get_bound_routers()
        for path_view in bound.path_operations.values()
        for operation in path_view.operations
    ]
    assert operations
    for operation in operations:
        assert any(isinstance(t, ratelimit.ApiThrottle) for t in operation.throttle_objects), (
            operation.view_func.__name__
        )


# The module -----------------------------------------------------------------------------------


def test_windows_are_fixed_and_keys_reveal_nothing() -> None:
    limit = ratelimit.Limit("example", amount=2, window_seconds=60)
    start = 6_000.0
    assert [ratelimit.hit(limit, "ip:10.0.0.1", now=start + s).allowed for s in (0, 1, 2)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.hit(limit, "ip:10.0.0.1", now=start + 60).allowed, "a new window"
    key = ratelimit.cache_key(limit, "ip:10.0.0.1", start)
    assert "10.0.0.1" not in key
    assert re.fullmatch(r"ratelimit:example:100:[0-9a-f]{32}", key)
    assert ratelimit.seconds_until_next_window(limit, start + 59.5) == 1
    assert ratelimit.retry_after_in_words(3600) == "60 minutes"


@pytest.fixture
def generous_api(settings: Any) -> Iterator[None]:
    settings.CIVICTALENT_RATE_LIMITS = {"api-anonymous": 1000}
    yield


def test_settings_can_raise_a_limit_for_tests_that_send_many_requests(generous_api: None) -> None:
    use_up(API_ANONYMOUS, "ip:127.0.0.1")
    assert Client().get(PARSE).status_code == 200


def test_behind_our_proxy_each_visitor_is_counted_by_the_address_it_adds(settings: Any) -> None:
    """With CIVICTALENT_TRUSTED_PROXY_COUNT=1 the address our nginx appends counts, not the
    proxy's own address, and nothing a client puts before it."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    use_up(API_ANONYMOUS, "ip:198.51.100.1")

    limited = Client().get(PARSE, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.1")
    other_visitor = Client().get(PARSE, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert limited.status_code == 429
    assert other_visitor.status_code == 200


@pytest.fixture
def database_cache(settings: Any) -> Iterator[None]:
    """Django's database cache, as production uses (config/settings/base.py)."""
    from django.core.management import call_command

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "civictalent_ratelimit_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    yield
    cache.clear()


@pytest.mark.parametrize("limit", [UPLOADS, ratelimit.Limit("daily", 5, 24 * 60 * 60)])
def test_a_counter_outlives_five_minutes_of_quiet_inside_a_longer_window(
    database_cache: None, limit: ratelimit.Limit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Django's database cache resets an entry's expiry to 300 s on incr; a limit of 30 an hour
    or 5 a day must not come back after five quiet minutes."""
    import datetime

    from django.core.cache.backends import db as database_cache_module

    use_up(limit, "ip:203.0.113.9")
    assert not ratelimit.hit(limit, "ip:203.0.113.9").allowed
    key = ratelimit.cache_key(limit, "ip:203.0.113.9", FIXED_NOW)
    real_now = database_cache_module.tz_now
    monkeypatch.setattr(
        database_cache_module, "tz_now", lambda: real_now() + datetime.timedelta(seconds=301)
    )
    assert cache.get(key) == limit.amount + 1, "the count was forgotten after 301 s"
    assert not ratelimit.hit(limit, "ip:203.0.113.9").allowed
