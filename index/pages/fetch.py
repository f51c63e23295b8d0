"""Fetch one web page for `briefing index add URL`: bounded, and refused when it is not a page.

Limits (each failure is a ``FetchError`` with one line naming the URL): http(s) only; the host
must not resolve to a private, loopback, link-local or reserved address unless
``allow_private_urls`` (``BRIEFING_ALLOW_PRIVATE_URLS=1``) — checked again at every redirect, which
are followed by hand, at most ``MAX_REDIRECTS``; ``fetch_timeout`` seconds in all (httpx's own
timeout is per read, so a server that drips bytes is cut off by the overall deadline too); at
most ``max_upload_bytes`` (the declared length is checked first, then the bytes as they come);
HTML or plain-text content types only.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from index.pages.articles import ArticleError
from index.settings import IndexSettings

MAX_REDIRECTS = 5
# What each accepted content type is saved as (the articles folder reads these suffixes).
CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
USER_AGENT = "briefing-bot/0.1 (+offline news briefing; one page per request)"


class FetchError(ArticleError):
    """A URL that could not be fetched as a page; the message is one line naming the URL."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    text: str  # decoded
    suffix: str  # ".html", ".txt" or ".md"


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http:// and https:// page addresses can be added")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{url}: unknown host {parts.hostname}") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise FetchError(
                f"{url}: {parts.hostname} is a private or local address"
                + (f" ({ip})" if str(ip) != parts.hostname else "")
                + "; "
                "set BRIEFING_ALLOW_PRIVATE_URLS=1 to allow it"
            )


def _charset(content_type: str, head: bytes) -> str:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    m = m or re.search(rb"<meta[^>]+charset=[\"']?([\w.:-]+)", head, re.IGNORECASE)
    name = m.group(1) if m else "utf-8"
    return name.decode("ascii", "replace") if isinstance(name, bytes) else name


def _decode(data: bytes, content_type: str) -> str:
    try:
        return data.decode(_charset(content_type, data[:4096]), errors="replace")
    except LookupError:  # an unknown charset name
        return data.decode("utf-8", errors="replace")


def fetch(url: str, settings: IndexSettings, client=None) -> Page:
    """The page at ``url``, or ``FetchError``. ``client`` (an ``httpx.Client``) may be injected."""
    import httpx  # chromadb's and gradio's HTTP library: already installed

    deadline = time.monotonic() + settings.fetch_timeout
    limit = settings.max_upload_bytes
    own = client is None
    client = client or httpx.Client(
        follow_redirects=False, headers={"User-Agent": USER_AGENT}, timeout=settings.fetch_timeout
    )
    shown = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            _check_address(url, settings.allow_private_urls)
            left = max(0.1, deadline - time.monotonic())
            with client.stream("GET", url, timeout=left) as response:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("location", ""))
                    continue
                if response.status_code != 200:
                    raise FetchError(
                        f"{shown}: HTTP {response.status_code} {response.reason_phrase}".rstrip()
                    )
                content_type = response.headers.get("content-type", "")
                kind = content_type.split(";")[0].strip().lower()
                if kind not in CONTENT_TYPES:
                    raise FetchError(
                        f"{shown}: {kind or 'no content type'} is not a web page "
                        "(HTML or text only)"
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise FetchError(
                        f"{shown}: {int(declared):,} bytes is more than the {limit:,} allowed"
                    )
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > limit:
                        raise FetchError(f"{shown}: more than the {limit:,} bytes allowed")
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("deadline")
                return Page(
                    str(response.url), _decode(bytes(data), content_type), CONTENT_TYPES[kind]
                )
        raise FetchError(f"{shown}: more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        raise FetchError(
            f"{shown}: no complete answer within {settings.fetch_timeout:g} s"
        ) from None
    except httpx.HTTPError as e:
        raise FetchError(
            f"{shown}: cannot fetch ({type(e).__name__}: {e})".replace("\n", " ")
        ) from None
    finally:
        if own:
            client.close()


def file_name(url: str, suffix: str) -> str:
    """A file name for the page at ``url``: ``https://www.example.org/news/big-story.html`` →
    ``example.org_big-story.html``."""
    parts = urlparse(url)
    host = (parts.hostname or "page").removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    stem = (
        re.sub(
            r"\.(?:s?html?|php|aspx?|jsp|txt|md|markdown)$", "", segments[-1], flags=re.IGNORECASE
        )
        if segments
        else "index"
    )
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{host}_{stem}").strip("-.")[:100]
    return f"{slug or 'page'}{suffix}"
