"""What a web page declares about itself, read before its scripts are removed (JSON-LD lives in
them): ``Article``/``NewsArticle`` headline, author, datePublished and publisher; ``og:``,
``article:`` and ``author`` meta tags; the ``<title>``; the site's name and its addresses.
``index.pages.page_meta`` weighs these against what the page prints."""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from index.pages.bylines import split_names, squash

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "blogposting",
    "liveblogposting",
    "report",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
}
_ORG_TYPES = {"organization", "newsmediaorganization", "website", "corporation"}
_META_TITLES = ("og:title", "twitter:title")
_META_AUTHORS = (
    "author",
    "article:author",
    "article:author_name",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "citation_author",
    "dcsext.author",
)
_META_DATES = (
    "article:published_time",
    "article:published",
    "og:pubdate",
    "pubdate",
    "datepublished",
    "publish-date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
    "dcsext.articlefirstpublished",
    "date",
)
_META_SITES = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")


@dataclass
class Declared:
    """What the page's markup says about itself (best first in each list)."""

    titles: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    sites: set[str] = field(default_factory=set)  # normalised site and publisher names
    site_names: list[str] = field(default_factory=list)  # as the page writes them, best first
    addresses: list[str] = field(default_factory=list)  # the URLs the page says it lives at


def _types(item: dict) -> set[str]:
    t = item.get("@type", "")
    return {str(x).lower() for x in (t if isinstance(t, list) else [t])}


def _ld_items(data) -> list[dict]:
    if isinstance(data, list):
        return [i for d in data for i in _ld_items(d)]
    if not isinstance(data, dict):
        return []
    return [data, *_ld_items(data.get("@graph", []))]


def _names(value) -> list[tuple[str, bool]]:
    """(name, is_person) of a JSON-LD author value (a string, an object or a list of them)."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        name = value.get("name")
        return [(html_lib.unescape(str(name)).strip(), "person" in _types(value))] if name else []
    return (
        [(html_lib.unescape(value).strip(), True)]
        if isinstance(value, str) and value.strip()
        else []
    )


def host_label(url: str) -> str:
    """``https://www.theguardian.com/x`` → ``theguardian``."""
    host = (urlparse(url).hostname or "").removeprefix("www.")
    if not re.search(r"[a-z]", host):  # an IP address names no site
        return ""
    parts = [
        p for p in host.split(".") if p not in ("co", "com", "org", "net", "news", "edition", "amp")
    ]
    return parts[-2] if len(parts) > 1 and len(parts[-1]) <= 3 else (parts[0] if parts else "")


def declared(doc, extracted: dict, url: str = "") -> Declared:
    """The page's own declarations; ``doc`` still holds its ``<head>`` and scripts."""
    out = Declared()
    ld_titles: list[str] = []
    ld_sites: list[str] = []
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            types = _types(item)
            if types & _ARTICLE_TYPES:
                if isinstance(item.get("headline"), str):
                    ld_titles.append(html_lib.unescape(item["headline"]))
                for name, person in _names(item.get("author")):
                    (out.persons.append(name) if person else out.sites.add(squash(name)))
                if isinstance(item.get("datePublished"), str):
                    out.dates.append(item["datePublished"])
                publishers = [n for n, _ in _names(item.get("publisher"))]
                out.sites.update(squash(n) for n in publishers)
                ld_sites += publishers
            elif types & _ORG_TYPES and isinstance(item.get("name"), str):
                out.sites.add(squash(item["name"]))
    meta: dict[str, list[str]] = {}
    for m in doc.iter("meta"):
        name = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
        if name and (m.get("content") or "").strip():
            meta.setdefault(name, []).append(" ".join(m.get("content").split()))
    for el in doc.xpath('//*[@itemprop="datePublished"]'):
        value = el.get("content") or el.get("datetime")
        if value:
            meta.setdefault("datepublished", []).append(value)
    title = doc.find(".//title")
    out.titles = ld_titles + [v for k in _META_TITLES for v in meta.get(k, [])]
    out.titles += [" ".join(title.text_content().split())] if title is not None else []
    out.titles += [extracted.get("title") or ""]
    for k in _META_AUTHORS:
        for value in meta.get(k, []):
            if not re.match(r"^(?:https?:|www\.|@)", value):
                out.persons.extend(n for n in split_names(value, set())[0])
    out.dates += [v for k in _META_DATES for v in meta.get(k, [])]
    out.sites.update(squash(v.lstrip("@")) for k in _META_SITES for v in meta.get(k, []))
    # og:site_name first, then the JSON-LD publisher, then the app names (twitter:site is a handle).
    out.site_names = [*meta.get("og:site_name", []), *ld_sites]
    out.site_names += [v for k in _META_SITES[1:3] for v in meta.get(k, [])]
    out.site_names += [extracted.get("sitename") or ""]
    canonical = [el.get("href") or "" for el in doc.xpath('//link[@rel="canonical"]')]
    out.addresses = [url, *meta.get("og:url", []), *canonical, extracted.get("url") or ""]
    for name in (extracted.get("sitename"), host_label(url or extracted.get("url") or "")):
        if name:
            out.sites.add(squash(name))
    out.sites.discard("")
    return out
