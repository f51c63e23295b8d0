"""A web page's authors, from the byline it prints: between the headline and the body, else in a
labelled line after the body ("By …", "Author: …" below the last paragraph), checked against the
names the page declares (JSON-LD ``author``, ``author`` meta tags).

What is never an author: text of share widgets printed in the byline's block ("Share", "Tweet",
"Email"), bylines inside related-story, promo and most-read blocks, and names seen only elsewhere
on the page. A desk or a wire is an author when no person is named ("CBS News", "News Desk").
"""

from __future__ import annotations

import re

from index.pages.bylines import BYLINE_START, is_site, split_names, squash
from index.pages.html_doc import Line
from index.pages.page_declared import Declared

_BYLINE_NAME = re.compile(r"byline|author|contributor|writer|reporter", re.IGNORECASE)
# Blocks that list other stories: their bylines are those stories' authors.
_OTHER_STORIES = re.compile(
    r"related|recommend|promo|teaser|trending|popular|most-?read|outbrain|taboola|read-?more|"
    r"more-?(?:from|stories|news)|also-?read|you-?may|sidebar|up-?next",
    re.IGNORECASE,
)
# Share and follow widgets printed inside bylines ("By Jane Doe Share Tweet Email").
_WIDGET = re.compile(
    r"\b(?:share|shares|tweet|email|e-mail|facebook|twitter|whatsapp|linkedin|pinterest|reddit|"
    r"print|comments?|follow|save|copy link|subscribe|newsletter|bio)\b",
    re.IGNORECASE,
)
_LONE_BY = re.compile(r"^(?:(?:written|words|reporting|story|text)\s+)?by:?$", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^(?:authors?|writers?|reporters?|words|text)\s*:\s*", re.IGNORECASE)
_MAX_BYLINE_CHARS = 150


def _attrs(node) -> str:
    return " ".join(
        filter(None, (node.get("class"), node.get("id"), node.get("itemprop"), node.get("rel")))
    )


def _in_block(element, pattern: re.Pattern, depth: int) -> bool:
    node = element
    for _ in range(depth):
        if node is None or not isinstance(node.tag, str):
            return False
        if pattern.search(_attrs(node)):
            return True
        node = node.getparent()
    return False


def _without_widgets(text: str) -> str:
    """``"Share Tweet By Jane Doe Email"`` → ``"By Jane Doe"``."""
    text = text.strip()
    while True:
        m = _WIDGET.match(text)
        if not m:
            break
        text = text[m.end() :].lstrip(" |·•:-")
    m = _WIDGET.search(text)
    return text[: m.start()].rstrip(" |·•,:-") if m else text


def _bylines(lines: list[Line], labelled_only: bool) -> list[str]:
    """The byline texts among ``lines``: "By …" lines (a lone "By" joined to the next line),
    "Author: …" lines, and (unless ``labelled_only``) lines in an element named byline/author."""
    out = []
    for k, ln in enumerate(lines):
        text = ln.text
        if _LONE_BY.match(text) and k + 1 < len(lines):
            text = f"By {lines[k + 1].text}"
        if len(text) >= _MAX_BYLINE_CHARS or _in_block(ln.element, _OTHER_STORIES, 12):
            continue
        labelled = BYLINE_START.match(text) or _AUTHOR_LABEL.match(text)
        if labelled or (not labelled_only and _in_block(ln.element, _BYLINE_NAME, 4)):
            out.append(_AUTHOR_LABEL.sub("By ", _without_widgets(text)))
    return out


def _same(a: str, b: str) -> bool:
    return squash(a) == squash(b) or a.split()[-1].lower() == b.split()[-1].lower()


def _named(bylines: list[str], found: Declared) -> tuple[list[str], list[str]]:
    persons: list[str] = []
    desks: list[str] = []
    for text in bylines:
        p, d = split_names(text, found.sites)
        persons += [n for n in p if n not in persons]
        desks += [n for n in d if n not in desks]
    declared = [n for n in found.persons if not is_site(n, found.sites)]
    # Printed names the page also declares, where it declares any of them: a name printed only
    # (a widget's words, a stray caption) is not one of this article's authors.
    confirmed = [n for n in persons if any(_same(n, d) for d in declared)]
    return (confirmed or persons), desks


def authors(
    zone: list[Line], footer: list[Line], found: Declared, extracted_author: str
) -> tuple[str, ...]:
    """The article's authors as printed (``zone``: headline to body; ``footer``: the lines just
    after the body)."""
    persons, desks = _named(_bylines(zone, labelled_only=False), found)
    if not (persons or desks):
        persons, desks = _named(_bylines(footer, labelled_only=True), found)
    spelled = {n.lower(): n for n in found.persons}
    if persons:
        return tuple(dict.fromkeys(spelled.get(n.lower(), n) for n in persons))
    if desks:
        return tuple(desks)
    # A declared name printed on its own line, without "By" or a byline class ("Andrew Woodcock").
    known = [
        *found.persons,
        *(n for a in extracted_author.split(";") for n in split_names(a, found.sites)[0]),
    ]
    shown = [
        n
        for n in dict.fromkeys(known)
        if not is_site(n, found.sites)
        and any(squash(BYLINE_START.sub("", ln.text)).startswith(squash(n)) for ln in zone)
    ]
    if shown:
        return tuple(shown)
    return tuple(dict.fromkeys(n for n in found.persons if not is_site(n, found.sites)))
