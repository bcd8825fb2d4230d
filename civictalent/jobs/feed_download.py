"""Fetching a council's vacancy feed safely: only the URL a platform admin set in the council's
jobs settings, over https, from a public address (the address checked is the one connected to),
with a timeout, a size limit and a bounded number of same-scheme redirects.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import SplitResult, urljoin, urlsplit

from django.conf import settings

from civictalent.core.numbers import parse_bounded_int

MEGABYTE = 1024 * 1024
FEED_TIMEOUT_SECONDS = 10.0
FEED_MAX_BYTES = 5 * MEGABYTE
FEED_MAX_REDIRECTS = 3
FEED_CHUNK_BYTES = 64 * 1024
FEED_USER_AGENT = "CivicTalent-feed-reader/1 (+https://civictalent.example/jobs)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FeedError(Exception):
    """A feed we could not fetch, with a message for the platform admin."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FeedLimits:
    timeout: float = FEED_TIMEOUT_SECONDS
    max_bytes: int = FEED_MAX_BYTES
    max_redirects: int = FEED_MAX_REDIRECTS
    # Only for the test suite (and a developer's own machine): feeds on 127.0.0.1 over http.
    allow_loopback: bool = False
    allow_http: bool = False

    @classmethod
    def from_settings(cls) -> FeedLimits:
        return cls(
            timeout=float(getattr(settings, "JOBS_FEED_TIMEOUT_SECONDS", FEED_TIMEOUT_SECONDS)),
            max_bytes=int(getattr(settings, "JOBS_FEED_MAX_BYTES", FEED_MAX_BYTES)),
            allow_loopback=bool(getattr(settings, "JOBS_FEED_ALLOW_LOOPBACK", False)),
            allow_http=bool(settings.DEBUG),
        )


@dataclass(frozen=True)
class FetchedFeed:
    data: bytes
    content_type: str
    url: str


def feed_download(url: str, *, limits: FeedLimits | None = None) -> FetchedFeed:
    """The feed's bytes. Raises FeedError, before connecting where it can: a scheme other than
    https (http only in DEBUG or to loopback when loopback is allowed), an address that is not
    public, a redirect to another scheme, more than a few redirects, an answer other than 200,
    a body over the size limit, or a server slower than the timeout."""
    limits = limits or FeedLimits.from_settings()
    scheme = urlsplit(url).scheme.lower()
    for _ in range(limits.max_redirects + 1):
        parts = urlsplit(url)
        if parts.scheme.lower() != scheme:
            raise FeedError(
                f"The feed redirected from {scheme} to {parts.scheme or 'a relative'} address "
                f"({_short(url)}); we only follow redirects that stay on {scheme}."
            )
        connection = _connection_for(parts, limits)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            connection.request(
                "GET",
                path,
                headers={
                    "User-Agent": FEED_USER_AGENT,
                    "Accept": "application/json, application/xml, text/xml, text/csv, */*;q=0.5",
                    "Accept-Encoding": "identity",
                },
            )
            response = connection.getresponse()
            if response.status in REDIRECTS:
                location = response.getheader("Location") or ""
                response.close()
                if not location:
                    raise FeedError(f"The feed redirected ({response.status}) without a Location.")
                url = urljoin(url, location)
                continue
            if response.status != 200:
                raise FeedError(
                    f"The feed answered {response.status} {response.reason or ''}".rstrip()
                    + f" at {_short(url)}. Check the address with the council."
                )
            data = _read_limited(response, limits)
            content_type = (response.getheader("Content-Type") or "").split(";")[0].strip()
            return FetchedFeed(data=data, content_type=content_type.lower(), url=url)
        except TimeoutError:
            raise FeedError(
                f"The feed at {_short(url)} did not answer within {limits.timeout:g} seconds."
            ) from None
        except ssl.SSLError as error:
            raise FeedError(
                f"The feed's secure connection failed ({error.reason or error}). Check the "
                "certificate of the council's server."
            ) from None
        except (OSError, http.client.HTTPException) as error:
            raise FeedError(f"We could not fetch the feed at {_short(url)}: {error}.") from None
        finally:
            connection.close()
    raise FeedError(f"The feed redirected more than {limits.max_redirects} times; we stopped.")


def _short(url: str) -> str:
    return url if len(url) <= 120 else url[:117] + "..."


def _read_limited(response: http.client.HTTPResponse, limits: FeedLimits) -> bytes:
    # A size we cannot read is ignored: the loop below stops at the limit anyway.
    declared = parse_bounded_int(response.getheader("Content-Length"))
    if declared is not None and declared > limits.max_bytes:
        raise FeedError(
            f"The feed is {declared / MEGABYTE:.1f} MB; we read at most "
            f"{limits.max_bytes / MEGABYTE:g} MB. Ask the council to list only open vacancies."
        )
    chunks: list[bytes] = []
    total = 0
    deadline = time.monotonic() + limits.timeout * 6
    while True:
        chunk = response.read(FEED_CHUNK_BYTES)
        if not chunk:
            break
        total += len(chunk)
        if total > limits.max_bytes:
            raise FeedError(
                f"The feed is larger than {limits.max_bytes / MEGABYTE:g} MB; we stopped reading. "
                "Ask the council to list only open vacancies."
            )
        if time.monotonic() > deadline:
            raise FeedError("The feed took too long to send; we stopped reading.")
        chunks.append(chunk)
    return b"".join(chunks)


def _connection_for(parts: SplitResult, limits: FeedLimits) -> http.client.HTTPConnection:
    scheme = parts.scheme.lower()
    host = parts.hostname or ""
    if scheme not in ("https", "http") or not host:
        raise FeedError("The feed address must start with https:// and name a server.")
    if parts.username or parts.password:
        raise FeedError("The feed address must not contain a user name or password.")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FeedError("The feed address has a port that is not a number.") from None
    address = _public_address(host, port, limits)
    if scheme == "http" and not (
        limits.allow_http or (limits.allow_loopback and ipaddress.ip_address(address).is_loopback)
    ):
        raise FeedError("The feed address must start with https://; we do not fetch over http.")
    if scheme == "https":
        return _PinnedHTTPSConnection(host, port, address=address, timeout=limits.timeout)
    return _PinnedHTTPConnection(host, port, address=address, timeout=limits.timeout)


def _public_address(host: str, port: int, limits: FeedLimits) -> str:
    """The address to connect to: every address the name has must be public (so a name cannot
    point us at the council's intranet or this server), and we connect to the one we checked."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FeedError(f"We could not find the server {host}. Check the feed address.") from None
    addresses = [str(info[4][0]) for info in found]
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if address.is_loopback and limits.allow_loopback:
            continue
        if not address.is_global or address.is_multicast:
            raise FeedError(
                f"The feed's server {host} is at a private or local address ({address}); we "
                "only fetch feeds from public servers."
            )
    if not addresses:
        raise FeedError(f"We could not find the server {host}. Check the feed address.")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address we checked, not to whatever the name resolves to next."""

    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, *, address: str, timeout: float) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self._tls)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)
