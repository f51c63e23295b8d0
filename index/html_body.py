"""The body of a saved web page: trafilatura's main-text extraction, then a second pass for the
paragraphs it cut.

trafilatura picks the one container that looks most like the article. Pages often split the body
into several containers of the same kind with an in-text advertisement, a video or a "read more"
box between them, and the extraction then stops at the first break (measured: a WIRED page kept
10 of its 19 paragraphs). The second pass finds the container the extracted paragraphs sit in and
adds the prose paragraphs of that container and of its twins — elements with the same tag and
class — that the first pass left out, in page order. Asides, figures, captions, forms and
navigation inside them stay out, and only prose counts (``index.chrome.is_prose``), so page chrome
is still dropped.
"""

from __future__ import annotations

import re

from index.chrome import body_paragraphs, is_prose, units
from index.html_doc import key, text_of

# Inside an article container these hold pull quotes, captions, embeds and widgets, not body text.
_NOT_BODY = frozenset(
    ["aside", "figure", "figcaption", "nav", "footer", "form", "header", "blockquote", "table"]
)
# ...and so do blocks named for them (the names are the page's own: class and id attributes).
_NOT_BODY_NAME = re.compile(
    r"comment|related|promo|newsletter|share|social|caption|credit|byline", re.IGNORECASE
)
# The second pass runs only when the first found an article: below this many matched paragraphs
# the "container" is a caption or a teaser, and its twins are other teasers.
_MIN_MATCHED = 3


def first_pass(html: str) -> tuple[list[str], dict]:
    """trafilatura's paragraphs (kept by the same prose rules as text scrapes) and its metadata."""
    import trafilatura  # lazy: heavy, and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    data = doc.as_dict() if doc is not None else {}
    # trafilatura keeps headings, captions and stray link text as lines: the same prose rules as
    # for text scrapes decide which lines are paragraphs.
    return body_paragraphs(units(data.get("text") or "")), data


def _excluded(element, stop) -> bool:
    node = element
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and node.tag in _NOT_BODY:
            return True
        if _NOT_BODY_NAME.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False


def _common_ancestor(elements: list):
    paths = [list(reversed([e, *e.iterancestors()])) for e in elements]
    common = None
    for level in zip(*paths):
        if all(node is level[0] for node in level):
            common = level[0]
        else:
            break
    return common


def _twins(doc, container) -> list:
    """``container`` and the elements of the same tag and class elsewhere on the page."""
    cls = container.get("class")
    if not cls:
        return [container]
    inside = set(container.iter())
    above = set(container.iterancestors())
    return [container] + [
        el
        for el in doc.iter(container.tag)
        if el.get("class") == cls
        and el not in inside
        and el not in above
        and not any(a in inside for a in el.iterancestors())
    ]


def complete_body(doc, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` plus the prose paragraphs the extraction skipped in the article's
    container(s), in page order. ``doc`` is the page without scripts and styles."""
    order = {el: i for i, el in enumerate(doc.iter())}
    by_key: dict[str, list] = {}
    for p in doc.iter("p"):
        text = text_of(p)
        if text:
            by_key.setdefault(key(text), []).append(p)
    keys = [key(p) for p in paragraphs]
    matched = [by_key[k][0] for k in keys if k in by_key]
    if len(matched) < _MIN_MATCHED:
        return paragraphs
    container = _common_ancestor(matched)
    if container is None or container.tag in ("html", "body"):
        return paragraphs  # no article container to complete: the whole page is not the body
    seen = set(keys)
    extra: list[tuple[int, str]] = []
    for chunk in _twins(doc, container):
        for p in chunk.iter("p"):
            text = text_of(p)
            k = key(text)
            if k in seen or not is_prose(text) or _excluded(p, chunk):
                continue
            seen.add(k)
            extra.append((order[p], text))
    if not extra:
        return paragraphs
    # Extracted paragraphs keep their order; one the page has no <p> for follows its predecessor.
    placed: list[tuple[float, int, str]] = []
    last = -1.0
    for i, (k, text) in enumerate(zip(keys, paragraphs)):
        if k in by_key:
            last = float(order[by_key[k][0]])
        placed.append((last, i, text))
    placed += [(float(pos), len(placed) + n, text) for n, (pos, text) in enumerate(extra)]
    return [text for _, _, text in sorted(placed)]
