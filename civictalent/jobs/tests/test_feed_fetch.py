"""Fetching a council's feed from a real HTTP server on loopback: limits, redirects, addresses."""

from __future__ import annotations

import datetime
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from civictalent.jobs.feed_download import FeedError, FeedLimits, _read_limited, feed_download
from civictalent.jobs.import_services import feed_import, feeds_fetch_enabled
from civictalent.jobs.models import CouncilJobsSettings, ImportSource, Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation

LOOPBACK = FeedLimits(allow_loopback=True)


def feed_body() -> bytes:
    closes = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    return json.dumps(
        {
            "vacancies": [
                {
                    "reference": "F-1",
                    "title": "Product manager",
                    "summary": "Lead a team that builds services residents use.",
                    "description": "<p>Own the roadmap.</p>",
                    "salary_min": 55000,
                    "salary_max": 60000,
                    "location": "Hackney",
                    "closing_date": closes,
                    "apply_url": "https://jobs.example.gov.uk/F-1",
                }
            ]
        }
    ).encode()


class FeedServer(BaseHTTPRequestHandler):
    release = threading.Event()

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        if self.path == "/feed.json":
            self._send(200, feed_body(), "application/json")
        elif self.path == "/feed-no-type":
            self._send(200, feed_body(), "application/octet-stream")
        elif self.path == "/huge":
            # No Content-Length: the reader must stop by itself.
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(200):
                    self.wfile.write(chunk)
            except OSError:
                return
        elif self.path == "/declared-huge":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
        elif self.path == "/slow":
            self.release.wait(timeout=30)
            self._send(200, b"[]", "application/json")
        elif self.path == "/to-ftp":
            self._redirect("ftp://127.0.0.1/feed.json")
        elif self.path == "/to-feed":
            self._redirect("/feed.json")
        elif self.path == "/loop":
            self._redirect("/loop")
        else:
            self._send(404, b"Not found", "text/plain")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server() -> Iterator[str]:
    FeedServer.release.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        FeedServer.release.set()
        httpd.shutdown()
        httpd.server_close()


def test_downloads_a_feed_from_an_allowed_server(server: str) -> None:
    fetched = feed_download(f"{server}/feed.json", limits=LOOPBACK)

    assert json.loads(fetched.data)["vacancies"][0]["reference"] == "F-1"
    assert fetched.content_type == "application/json"


def test_follows_a_redirect_on_the_same_scheme(server: str) -> None:
    fetched = feed_download(f"{server}/to-feed", limits=LOOPBACK)
    assert fetched.url == f"{server}/feed.json"
    assert b"F-1" in fetched.data


def test_refuses_a_redirect_to_another_scheme(server: str) -> None:
    with pytest.raises(FeedError, match="we only follow redirects that stay on http"):
        feed_download(f"{server}/to-ftp", limits=LOOPBACK)


def test_stops_after_a_few_redirects(server: str) -> None:
    with pytest.raises(FeedError, match="redirected more than 3 times"):
        feed_download(f"{server}/loop", limits=LOOPBACK)


def test_stops_reading_a_body_over_the_limit(server: str) -> None:
    limits = FeedLimits(allow_loopback=True, max_bytes=1024 * 1024)
    with pytest.raises(FeedError, match="larger than 1 MB; we stopped reading"):
        feed_download(f"{server}/huge", limits=limits)


def test_refuses_a_declared_size_over_the_limit(server: str) -> None:
    with pytest.raises(FeedError, match=r"The feed is 50\.0 MB; we read at most 5 MB"):
        feed_download(f"{server}/declared-huge", limits=LOOPBACK)


class DeclaredLength:
    """A response whose server declares ``length`` as its Content-Length."""

    def __init__(self, length: str, body: bytes) -> None:
        self.length, self.body = length, io.BytesIO(body)

    def getheader(self, name: str) -> str:
        return self.length

    def read(self, size: int) -> bytes:
        return self.body.read(size)


@pytest.mark.parametrize("length", ["²", "-1", "1e9", "9" * 5000, ""])
def test_an_odd_declared_size_is_ignored_and_the_body_read_within_the_limit(length: str) -> None:
    response = DeclaredLength(length, b'{"vacancies": []}')
    assert _read_limited(response, LOOPBACK) == b'{"vacancies": []}'  # type: ignore[arg-type]


def test_gives_up_on_a_slow_server(server: str) -> None:
    limits = FeedLimits(allow_loopback=True, timeout=0.2)
    with pytest.raises(FeedError, match=r"did not answer within 0\.2 seconds"):
        feed_download(f"{server}/slow", limits=limits)


def test_reports_an_error_status(server: str) -> None:
    with pytest.raises(FeedError, match="answered 404 Not Found"):
        feed_download(f"{server}/nothing-here", limits=LOOPBACK)


def test_refuses_loopback_unless_allowed(server: str) -> None:
    with pytest.raises(FeedError, match=r"private or local address \(127.0.0.1\)"):
        feed_download(f"{server}/feed.json", limits=FeedLimits())


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://10.1.2.3/feed", "private or local address"),
        ("https://169.254.169.254/latest/meta-data", "private or local address"),
        ("https://[::ffff:192.168.0.1]/feed", "private or local address"),
        ("http://93.184.216.34/feed", "must start with https://"),
        ("ftp://93.184.216.34/feed", "must start with https://"),
        ("https://user:secret@93.184.216.34/feed", "must not contain a user name"),
        ("https://93.184.216.34:http/feed", "port that is not a number"),
    ],
)
def test_refuses_before_connecting(url: str, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        feed_download(url, limits=LOOPBACK)


@pytest.mark.django_db
def test_feed_import_records_the_fetch(server: str, council_a: Organisation) -> None:
    jobs_settings = CouncilJobsSettings.objects.create(
        organisation=council_a, feed_url=f"{server}/feed-no-type", feed_enabled=True
    )

    report = feed_import(organisation=council_a)

    assert report.source == ImportSource.FEED
    assert report.file_format == "json"  # guessed from the body when the admin chose none
    assert report.created_count == 1
    vacancy = Vacancy.objects.get(external_reference="F-1")
    assert vacancy.status == VacancyStatus.PUBLISHED
    jobs_settings.refresh_from_db()
    assert jobs_settings.feed_last_fetched_at is not None
    assert jobs_settings.feed_last_error == ""


@pytest.mark.django_db
def test_fetching_every_enabled_feed_records_each_failure(
    server: str, council_a: Organisation, council_b: Organisation
) -> None:
    CouncilJobsSettings.objects.create(
        organisation=council_a,
        feed_url=f"{server}/feed.json",
        feed_format="json",
        feed_enabled=True,
    )
    broken = CouncilJobsSettings.objects.create(
        organisation=council_b, feed_url=f"{server}/gone", feed_format="json", feed_enabled=True
    )
    other = Organisation.objects.exclude(pk__in=[council_a.pk, council_b.pk]).first()
    assert other is not None
    switched_off = CouncilJobsSettings.objects.create(
        organisation=other, feed_url=f"{server}/feed.json", feed_format="json", feed_enabled=False
    )

    summary = feeds_fetch_enabled()

    assert (summary["feeds"], summary["imported"], summary["failed"]) == (2, 1, 1)
    broken.refresh_from_db()
    assert "answered 404" in broken.feed_last_error
    assert broken.feed_last_fetched_at is not None
    switched_off.refresh_from_db()
    assert switched_off.feed_last_fetched_at is None
    assert Vacancy.objects.filter(organisation=council_a).count() == 1


@pytest.mark.django_db
def test_a_feed_over_http_is_refused_without_the_loopback_setting(
    server: str, council_a: Organisation
) -> None:
    CouncilJobsSettings.objects.create(
        organisation=council_a, feed_url=f"{server}/feed.json", feed_enabled=True
    )

    with override_settings(JOBS_FEED_ALLOW_LOOPBACK=False), pytest.raises(ValidationError):
        feed_import(organisation=council_a)

    assert "private or local address" in CouncilJobsSettings.objects.get().feed_last_error
    assert not Vacancy.objects.exists()
