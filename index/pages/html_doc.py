"""A saved web page as a browser lays it out: the parsed tree and its visible lines, in order.

Shared by the body pass (``index.pages.html_body``) and the metadata rules (``index.pages.page_meta``), which
both need to say where a piece of text sits on the page: before the headline, between the
headline and the first body paragraph (where bylines and datelines are printed), or further down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Elements a browser starts on a new line; text inside the others runs on.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "time",
        "tr",
        "ul",
    ]
)
# Where two inline elements meet with no space, a browser runs their text together, but a style
# sheet often puts them on separate lines ("Evan Halper" then "Staff Writer"). A lower-case letter
# followed by a capital at such a seam is taken as two words; anything else is one word
# ("Knigh<span>t</span>" is "Knight").
_SEAM = re.compile(r"[a-z]$")
_INVISIBLE = "//script|//style|//noscript|//template|//head|//svg|//iframe|//select|//button"


@dataclass(frozen=True)
class Line:
    """One visible line of the page: its text and the element that holds it."""

    text: str
    element: object  # lxml element
    order: int  # position of ``element`` in document order


def parse(html: str):
    """The page's element tree (lxml), scripts and styles kept (JSON-LD lives in scripts)."""
    import lxml.html

    # lxml refuses a str that carries an XML encoding declaration; bytes with an explicit
    # parser encoding work for every page.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    return lxml.html.fromstring(html.encode("utf-8", errors="replace"), parser=parser)


def strip_invisible(doc) -> None:
    for bad in doc.xpath(_INVISIBLE):
        bad.drop_tree()


def _join(parts: list[str], text: str | None) -> None:
    """Append ``text`` found at an element seam, spacing it off where two words meet."""
    if not text:
        return
    if parts and text[:1].isupper() and _SEAM.search(parts[-1]):
        parts.append(" ")
    parts.append(text)


def text_of(element) -> str:
    """An element's visible text, whitespace collapsed."""
    parts: list[str] = []
    _collect(element, parts)
    return " ".join("".join(parts).split())


def _collect(element, parts: list[str]) -> None:
    block = element.tag in _BLOCK_TAGS if isinstance(element.tag, str) else False
    if block:
        parts.append(" ")
    _join(parts, element.text)
    for child in element:
        _collect(child, parts)
        _join(parts, child.tail)
    if block:
        parts.append(" ")


def visible_lines(doc) -> list[Line]:
    """The page's text as the lines a reader sees, in document order (``doc`` without scripts).
    Each line names the innermost element its first words are in."""
    order = {el: i for i, el in enumerate(doc.iter())}
    lines: list[Line] = []
    current: list[str] = []
    holder = [doc]

    def add(text: str | None, owner) -> None:
        if text and text.strip() and not "".join(current).strip():
            holder[0] = owner
        _join(current, text)

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            lines.append(Line(text, holder[0], order.get(holder[0], 0)))
        current.clear()

    def walk(element) -> None:
        block = element.tag in _BLOCK_TAGS if isinstance(element.tag, str) else False
        if block:
            flush()
        add(element.text, element)
        for child in element:
            walk(child)
            add(child.tail, element)
        if block:
            flush()

    walk(doc)
    flush()
    return lines


def key(text: str) -> str:
    """A matching key for a paragraph: letters and digits only, lower case, its start."""
    return re.sub(r"\W+", "", text.lower())[:60]
