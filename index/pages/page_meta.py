"""A web page's title, byline and date as the page prints them.

Sources, each a candidate: what the page declares (JSON-LD ``Article``/``NewsArticle``: headline,
author, datePublished, publisher; ``og:``/``article:``/``author`` meta tags; the ``<title>``),
trafilatura's metadata, and what it shows: the headline (an H1, or an H2 where the H1 is the
site's logo) and the lines between the headline and the body, where bylines and datelines are
printed (the "header zone"). The rules for conflicts:

- title: the printed heading that matches a declared title (declared titles disagree with each
  other and with the page: SEO titles, CMS names); else the first usable declared title. Site
  names and dates are cut off the end ("| DW", " - Reuters").
- authors (``index.pages.page_authors``): the names in the header zone's byline, else in a labelled
  byline just after the body; else a declared name the zone shows; else a desk or wire byline
  ("CBS News"); else the declared persons. A name that is the publisher's is no author when a
  person is named. Nothing found is no author: a name seen only elsewhere on the page (a
  related-stories list, an inset's byline, a share widget) is never borrowed.
- date (``index.pages.page_dates``): the date printed in the header zone, else the declared one, else
  one at the edge of a long standfirst, a labelled one after the body, a day in the address.
- outlet (``index.pages.outlets``): the site's own name, else the host of its address.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.pages import outlets, page_authors
from index.pages.bylines import is_site, overlap, strip_site
from index.pages.html_doc import Line, key, text_of
from index.pages.page_dates import printed_date, read_date, updated_date
from index.pages.page_declared import Declared

# Lines after the body that may still be the article's: a byline or dateline, a credit, tags.
FOOTER_LINES = 8
_MOVED_ON = {"h1", "h2", "h3", "h4", "h5", "h6", "aside", "nav", "li", "form", "figure"}


@dataclass(frozen=True)
class PageMeta:
    title: str = ""
    authors: tuple[str, ...] = ()
    published_text: str = ""
    published: str = ""  # YYYY-MM-DD or ""
    outlet: str = ""  # the name the site gives itself, else its host (``index.pages.outlets``)
    updated_text: str = ""  # an "Updated …" date printed beside the publication date


def _heading(doc, titles: list[str], sites: set[str]):
    """The printed headline element: an H1 (else an H2) that matches a declared title; with no
    declared title, the first H1 of a few words. The site's name (a logo) is never it."""
    best, best_score = None, (0.0, 0.0)
    for rank, tag in ((1.0, "h1"), (0.0, "h2")):
        for el in doc.iter(tag):
            text = text_of(el)
            if len(text.split()) < 2 or is_site(text, sites):
                continue
            score = max((overlap(text, t) for t in titles), default=0.0)
            if score >= 0.5 and (rank, score) > best_score:
                best, best_score = el, (rank, score)
    if best is None and not titles:
        best = next(
            (
                el
                for el in doc.iter("h1")
                if len(text_of(el).split()) >= 3 and not is_site(text_of(el), sites)
            ),
            None,
        )
    return best


def _zone(lines: list[Line], heading, paragraphs: list[str]) -> tuple[list[Line], int]:
    """The lines from just above the headline to the second body paragraph (the first may be a
    standfirst printed above the byline), and where the headline is among them."""

    def find(text: str) -> int | None:
        k = key(text)[:40]
        return next((i for i, ln in enumerate(lines) if k and key(ln.text).startswith(k)), None)

    head = None
    if heading is not None:
        inside = set(heading.iter())
        head = next((i for i, ln in enumerate(lines) if ln.element in inside), None)
    starts = [
        i for i in (find(p) for p in paragraphs[:2]) if i is not None and (head is None or i > head)
    ]
    end = starts[-1] if len(starts) > 1 else (starts[0] + 1 if starts else (head or 0) + 20)
    # A few lines above the headline hold the kicker, byline or date on some pages.
    start = max(0, (head if head is not None else end - 12) - 4)
    return lines[start:end], (head - start if head is not None else 0)


def _footer(lines: list[Line], paragraphs: list[str]) -> list[Line]:
    """The few lines just after the last body paragraph, where some pages print "By …" or
    "Date: …" instead of under the headline."""
    if not paragraphs:
        return []
    k = key(paragraphs[-1])[:40]
    last = next(
        (i for i in range(len(lines) - 1, -1, -1) if k and key(lines[i].text).startswith(k)), None
    )
    footer = [] if last is None else lines[last + 1 : last + 1 + FOOTER_LINES]
    # The article ends where the page moves on: a heading, a list, an aside, a nested article.
    end = next((i for i, ln in enumerate(footer) if _elsewhere(ln.element)), len(footer))
    return footer[:end]


def _elsewhere(element) -> bool:
    node = element
    while node is not None and isinstance(node.tag, str) and node.tag not in ("body", "main"):
        if node.tag in _MOVED_ON:
            return True
        node = node.getparent()
    return False


def page_meta(
    doc, found: Declared, lines: list[Line], paragraphs: list[str], extracted: dict
) -> PageMeta:
    """The printed title, authors and date. ``doc`` and ``lines`` are the page without scripts;
    ``found`` is what ``declared`` read before they were removed."""
    titles = [strip_site(t, found.sites) for t in found.titles]
    titles = [t for t in titles if len(t.split()) >= 2]
    heading = _heading(doc, titles, found.sites)
    title = (
        strip_site(text_of(heading), found.sites)
        if heading is not None
        else (titles[0] if titles else "")
    )
    zone, head = _zone(lines, heading, paragraphs)
    footer = _footer(lines, paragraphs)
    published_text, published = printed_date(zone, head, found.dates, found.addresses, footer)
    authors = page_authors.authors(zone, footer, found, extracted.get("author") or "")
    suffixes = [outlets.title_suffix(t, title) for t in found.titles]
    names = found.site_names[:-1] + suffixes + found.site_names[-1:]  # trafilatura's guess last
    outlet = outlets.choose(names, found.addresses)
    updated = updated_date(zone)
    if updated and read_date(updated)[1] == published:
        updated = ""  # the date shown is the update; there is no other to give
    return PageMeta(title, authors, published_text, published, outlet, updated)
