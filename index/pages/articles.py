"""Article files → ``Article`` records (clean body paragraphs + metadata)."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.pages.chrome import DATE_RE
from index.pages.html_article import read_html, saved_from
from index.pages.outlets import choose as choose_outlet
from index.pages.page_dates import iso_date
from index.pages.page_text import split_page

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
# Larger files are not a single news article (dumps, whole-site exports): a long-form article is
# ~50 KB of text, a saved page with inline scripts and styles a few MB. A 10 MB text file would be
# ~10,000 passages, minutes of embedding, so it is skipped before it is read. Same as the upload limit.
MAX_ARTICLE_BYTES = 5_000_000
# Less body text than this is an error page, a teaser or a menu, not an article (a "page not found"
# notice is ~70 characters; the shortest news brief we expect is a few sentences).
MIN_BODY_CHARS = 200


class ArticleError(ValueError):
    """A file that cannot be read as an article; the message names the file and the reason."""


@dataclass(frozen=True)
class Article:
    """One article: its clean body paragraphs and what we know about it.

    ``id`` derives from the body text only, so the same text under two file names (or re-saved with
    different chrome) is the same article. ``source`` is what citations show: the page's URL when
    it was added by URL (or saved by a browser, which records it), else the file name.
    """

    id: str
    source: str
    title: str
    author: str
    published: str  # ISO date (YYYY-MM-DD) or ""
    published_text: str  # the date as written on the page
    reading_time: str
    paragraphs: tuple[str, ...]
    authors: tuple[str, ...] = ()  # each byline name; ``author`` is them joined for display
    file: str = ""  # the file's name in the articles folder
    url: str = ""  # where the page came from; "" when unknown
    outlet: str = (
        ""  # who published it: the site's own name, else its host (``index.pages.outlets``)
    )
    updated_text: str = ""  # an update date the page prints besides the publication date


def article_id(paragraphs: tuple[str, ...] | list[str]) -> str:
    body = "\n".join(" ".join(p.split()) for p in paragraphs)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise ArticleError(f"{path.name}: {size} bytes is larger than {MAX_ARTICLE_BYTES}")
        data = path.read_bytes()
    except OSError as e:
        raise ArticleError(f"{path.name}: unreadable ({e.strerror or e})") from None
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{path.name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArticleError(f"{path.name}: not UTF-8 (byte {e.start})") from None
    if not text.strip():
        raise ArticleError(f"{path.name}: empty file")
    return text


def load_article(path: Path) -> Article:
    """Read one file. Raises ``ArticleError`` (one line, naming the file) when it can't be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleError(f"{path.name}: unsupported file type {suffix or '(none)'}")
    text = _read_text(path)
    url = saved_from(text)
    if url and suffix not in (".html", ".htm"):
        text = text.split("\n", 1)[-1]  # the mark line is not part of a text article
    outlet = updated = ""
    if suffix in (".html", ".htm"):
        page = read_html(text)
        outlet, updated = page.outlet, page.updated_text
        paragraphs, title, authors = page.paragraphs, page.title, page.authors
        published_text, published, reading, url = (
            page.published_text,
            page.published,
            page.reading_time,
            page.url,
        )
    else:
        parts = split_page(text)
        paragraphs, title = parts.paragraphs, parts.title
        authors = (parts.author,) if parts.author else ()
        published_text, reading = parts.published_text, parts.reading_time
        published = published_text if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published_text) else ""
        if not published and DATE_RE.search(published_text or ""):
            published = iso_date(published_text)
    if sum(len(p) for p in paragraphs) < MIN_BODY_CHARS:
        raise ArticleError(f"{path.name}: no article body found")
    return Article(
        id=article_id(paragraphs),
        source=url or path.name,
        title=title or path.stem.replace("_", " "),
        author=", ".join(authors),
        published=published,
        published_text=published_text,
        reading_time=reading,
        paragraphs=tuple(paragraphs),
        authors=tuple(authors),
        file=path.name,
        url=url,
        outlet=outlet or choose_outlet([], [url], path.name),
        updated_text=updated,
    )


def iter_article_files(folder: Path) -> Iterator[Path]:
    """Files in ``folder`` (not recursive), in name order; hidden files are ignored."""
    if not folder.is_dir():
        raise ArticleError(
            f"articles folder {folder} does not exist: point BRIEFING_ARTICLES_DIR "
            "(or --articles-dir) at a folder of article files"
        )
    for path in sorted(folder.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            yield path


def load_folder(folder: Path) -> list[Article]:
    """Every usable article in ``folder``; each skipped file gets a one-line warning. An article
    found under two names is kept once (the first name)."""
    articles: dict[str, Article] = {}
    for path in iter_article_files(folder):
        try:
            article = load_article(path)
        except ArticleError as e:
            log.warning("skipped %s", e)
            continue
        if article.id in articles:
            log.warning("skipped %s: same article as %s", path.name, articles[article.id].file)
            continue
        articles[article.id] = article
    return list(articles.values())
