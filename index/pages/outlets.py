"""Which outlet published an article, and whether a phrase names it.

The outlet is what the page calls itself (``og:site_name``, the JSON-LD publisher, the
``application-name`` meta tag), else the host of its address (the URL it was saved from or
declares as canonical), else a host the file name starts with ("bbc.com.burials.html", as pages
saved by hand are often named). A phrase names an outlet when it is the outlet's name without
"The"/"News" around it ("the Telegraph" → "The Telegraph"), the host's label ("nytimes"), or an
abbreviation of the words that spells the label ("New York Times" → "nytimes", "Wall Street
Journal" → "wsj"): no list of outlets is kept.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

# Endings of a host in a file name: the generic top-level domains news sites use and any
# two-letter country code; "co.uk"-style second levels are caught by the country code.
_HOST_IN_NAME = re.compile(
    r"^((?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|info|news|media|io|tv|[a-z]{2}))(?=[._-]|$)",
    re.IGNORECASE,
)
# Parts of a host that name no outlet.
_HOST_NOISE = {"www", "m", "amp", "edition", "mobile", "news", "co", "com", "org", "net"}
_WORD = re.compile(r"[0-9a-z]+")


def host(url: str) -> str:
    """``https://www.nytimes.com/2020/…`` → ``nytimes.com``; ``""`` for an IP address or no URL."""
    h = (urlparse(url).hostname or "").lower()
    if not re.search(r"[a-z]", h.replace(".", "")) or re.fullmatch(r"[\d.:]+", h):
        return ""
    return h.removeprefix("www.")


def host_in_name(file_name: str) -> str:
    """The host a file name starts with: ``edition.cnn.com.royal.html`` → ``edition.cnn.com``."""
    stem = file_name.rsplit("/", 1)[-1]
    stem = re.sub(r"\.(?:html?|txt|md|markdown)$", "", stem, flags=re.IGNORECASE)
    m = _HOST_IN_NAME.match(stem)
    if not m or "." not in m.group(1):
        return ""
    found = m.group(1).lower()
    # The longest match can run one label too far ("bbc.com.uk" is fine, "cnn.com.royal" is not
    # matched at all); a single label before the ending is a host only when it is not one letter.
    return found if len(found.split(".")[0]) > 1 else ""


def label(host_name: str) -> str:
    """The part of a host that names the outlet: ``edition.cnn.com`` → ``cnn``,
    ``independent.co.uk`` → ``independent``."""
    parts = [p for p in host_name.lower().split(".") if p and p not in _HOST_NOISE]
    if len(parts) > 1 and len(parts[-1]) <= 3:  # the top-level domain or a country code
        parts = parts[:-1]
    return parts[-1] if parts else ""


_TITLE_SEP = re.compile(r"\s+[|\-–—·•»]\s+|\s*\|\s*")


def title_suffix(page_title: str, headline: str) -> str:
    """The site's name a ``<title>`` adds to the printed headline: ``"Pier opens | Quay Post"``
    with headline "Pier opens" → "Quay Post"."""
    parts = [p.strip() for p in _TITLE_SEP.split(" ".join(page_title.split())) if p.strip()]
    head = _core(headline)
    if len(parts) < 2 or not head or _core(parts[0]) != head:
        return ""
    last = parts[-1]
    words = last.split()
    ok = 1 <= len(words) <= 5 and not re.search(r"\d", last) and last[:1].isupper()
    return last if ok else ""


def choose(site_names: list[str], addresses: list[str], file_name: str = "") -> str:
    """The outlet to show: the first usable name the page gives itself (its ``og:site_name``,
    publisher, app name or ``<title>`` suffix, best first), else a host."""
    for name in site_names:
        name = " ".join(name.split()).strip()
        if (
            1 < len(name) <= 60
            and not name.startswith(("@", "http"))
            and re.search(r"[A-Za-z]", name)
        ):
            return name
    for url in addresses:
        if host(url):
            return host(url)
    return host_in_name(file_name)


def _squash(words: list[str]) -> str:
    return "".join(words)


def _core(name: str) -> list[str]:
    """An outlet name's words without "the" before and "news"/".com" after."""
    words = _WORD.findall(name.lower().replace("&", " and "))
    while words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in ("news", "com", "online", "uk", "org", "net"):
        words = words[:-1]
    return words


def _spells(target: str, words: list[str]) -> bool:
    """Whether ``target`` is spelled by each of ``words`` in turn, whole or by its first letter."""
    if not words:
        return not target
    w = words[0]
    if target.startswith(w) and _spells(target[len(w) :], words[1:]):
        return True
    return target.startswith(w[0]) and _spells(target[1:], words[1:])


def names(phrase: str, outlet: str) -> bool:
    """Whether ``phrase`` (words of a question) names ``outlet`` (a name or a host)."""
    said = _core(phrase)
    if not said or not outlet:
        return False
    own = _core(outlet)
    forms = {_squash(own)} if own else set()
    if "." in outlet and " " not in outlet.strip():
        forms = {label(outlet)}
    forms.discard("")
    if _squash(said) in forms:
        return True
    # An abbreviation needs two words or more, and a target of three letters or more unless it
    # is just their initials ("Financial Times" → ft), so that one word never names an outlet by
    # its initial ("Times" is not "ft"); either side may be the
    # abbreviation ("New York Times" for nytimes.com, "BBC" for "British Broadcasting Corporation").
    initials = "".join(w[0] for w in said)
    if len(said) >= 2 and any((len(f) >= 3 or f == initials) and _spells(f, said) for f in forms):
        return True
    return len(said) == 1 and len(said[0]) >= 3 and len(own) >= 2 and _spells(said[0], own)
