"""A saved web page → its article: the whole body, and the title, byline and date it prints.

Data flow: HTML → tree (``index.pages.html_doc``) → what the page declares (``index.pages.page_declared``,
read before scripts are removed: JSON-LD lives in them) → body lines (trafilatura, completed inside the
page's article element by ``index.pages.html_body``) → visible lines → printed title, authors and date
(``index.pages.page_meta``). The URL the page was saved from, when known, names the site for the
publisher-is-no-author and site-suffix rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.pages.chrome import READING_TIME_RE, body_paragraphs
from index.pages.html_body import complete_body, drop_headlines, first_pass
from index.pages.html_doc import parse, strip_invisible, visible_lines
from index.pages.page_declared import declared
from index.pages.page_meta import page_meta

# Browsers' "save page" writes this comment as the page's first line (the "mark of the web");
# `briefing index add URL` writes it too (first line of text pages as well), so the file
# remembers where it came from.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", re.IGNORECASE)


@dataclass(frozen=True)
class HtmlArticle:
    paragraphs: tuple[str, ...]
    title: str
    authors: tuple[str, ...]
    published_text: str
    published: str
    reading_time: str
    url: str  # where the page was saved from; "" when unknown
    outlet: str = ""  # the site's own name, else the host of its address
    updated_text: str = ""  # an update date printed beside the publication date


def saved_from(html: str) -> str:
    """The URL in a leading ``<!-- saved from url=(0023)https://example.org/ -->`` comment."""
    m = _SAVED_FROM.search(html[:2048])
    return m.group(1) if m and m.group(1).startswith(("http://", "https://")) else ""


def mark_saved_from(html: str, url: str) -> str:
    """``html`` with the mark-of-the-web comment naming ``url`` on its first line."""
    return f"<!-- saved from url=({len(url):04d}){url} -->\n{html}"


def read_html(html: str) -> HtmlArticle:
    url = saved_from(html)
    paragraphs, extracted = first_pass(html)
    doc = parse(html)
    found = declared(doc, extracted, url)
    strip_invisible(doc)
    paragraphs = complete_body(doc, drop_headlines(doc, paragraphs, extracted.get("title") or ""))
    # The metadata rules look for the byline above the first *prose* paragraph: a heading or a
    # list item the body keeps is no paragraph for them.
    prose = body_paragraphs(paragraphs)
    meta = page_meta(doc, found, visible_lines(doc), prose, extracted)
    reading = READING_TIME_RE.search(re.sub(r"<[^>]+>", " ", html))
    return HtmlArticle(
        paragraphs=tuple(paragraphs),
        title=meta.title,
        authors=meta.authors,
        published_text=meta.published_text,
        published=meta.published,
        reading_time=reading.group(0) if reading else "",
        url=url,
        outlet=meta.outlet,
        updated_text=meta.updated_text,
    )
