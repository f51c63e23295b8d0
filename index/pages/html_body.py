"""The body of a saved web page: trafilatura's main-text extraction, completed inside the page's
own article markup.

Each signal here was measured on the 90 dev pages of the Article Extraction Benchmark
(``python -m bench.components --only body``; 4-gram F1 / P / R) and on the 10 dev pages:

- trafilatura without comments (``include_comments=False``): 0.956 / 0.946 / 0.967, against
  0.943 / 0.918 / 0.969 for ``trafilatura.extract`` with its defaults (comments are not the
  article). ``favor_recall`` (0.953 / 0.937 / 0.969) and ``favor_precision`` (0.953 / 0.949 /
  0.956) both measured lower, so neither is set.
- Every line trafilatura keeps stays, headings and list items included: keeping only prose
  paragraphs (the rules for text scrapes, ``index.pages.chrome.is_prose``) cost recall 0.967 → 0.887,
  dropping list items alone 0.04 and short lines without a full stop 0.02. Only lines that are
  page furniture by their form go: bylines, datelines, reading times, "Advertisement", "Share",
  "Read more" (``index.pages.chrome.is_meta``): +0.002 F1, no gold lost.
- Measured and not kept: dropping lines repeated elsewhere on the page (0.957 F1: the repeats
  are mostly the body's own lines), lines that are a link's whole text (+0.001 F1, recall
  -0.004: within the bootstrap spread) and lines whose element is mostly link text (link
  density >= 0.9: +0.001; >= 0.5: +0.000, and it drops body paragraphs dense with links, two
  of them on the dev pages).
- The page's own article markup: when exactly one ``<article>`` (or ``itemprop="articleBody"``)
  holds the extracted paragraphs, its prose paragraphs that trafilatura stopped before (an
  in-text advertisement splits the body: a WIRED page kept 10 of its 19 paragraphs) are added
  in page order. Never beyond that one element: an earlier pass that also took "twins" (other
  elements of the same tag and class) pulled in gallery captions, related-story teasers and the
  next articles of infinite-scroll pages.
"""

from __future__ import annotations

import re

from index.pages.chrome import is_meta, is_prose, units
from index.pages.html_doc import key, text_of

# Inside an article element these hold pull quotes, captions, embeds and widgets, not body text.
_NOT_BODY = frozenset(
    ["aside", "figure", "figcaption", "nav", "footer", "form", "header", "blockquote", "table"]
)
# ...and so do blocks named for them (the names are the page's own: class and id attributes).
_NOT_BODY_NAME = re.compile(
    r"comment|related|promo|newsletter|share|social|caption|credit|byline|gallery|teaser|recirc",
    re.IGNORECASE,
)
# Below this many extracted paragraphs inside the article element, the extraction did not find
# the article there (it found a caption or a teaser): nothing is added.
_MIN_MATCHED = 3
_ARTICLE_XPATH = "//article|//*[@itemprop='articleBody']"


def first_pass(html: str) -> tuple[list[str], dict]:
    """trafilatura's lines, page furniture left out, and its metadata."""
    import trafilatura  # lazy: heavy, and only HTML needs it

    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    data = doc.as_dict() if doc is not None else {}
    return [u for u in units(data.get("text") or "") if not is_meta(u)], data


def drop_headlines(doc, lines: list[str], declared_title: str = "") -> list[str]:
    """``lines`` without the page's headline: trafilatura sometimes opens its text with the H1
    (or the title it read), which is the article's title, not its body."""
    heads = {key(text_of(h)) for h in doc.iter("h1")} | {key(declared_title)}
    heads.discard("")
    return [line for line in lines if key(line) not in heads]


def _excluded(element, stop) -> bool:
    node = element
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and node.tag in _NOT_BODY:
            return True
        if _NOT_BODY_NAME.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
        node = node.getparent()
    return False


def _article_element(doc, matched: list):
    """The one article element of the page that holds at least ``_MIN_MATCHED`` of the
    extracted paragraphs, or None (no such markup, or several candidates)."""
    holders = []
    for el in doc.xpath(_ARTICLE_XPATH):
        inside = sum(1 for p in matched if el in p.iterancestors())
        if inside >= _MIN_MATCHED:
            holders.append(el)
    # nested markup (an itemprop inside an <article>) is one article: keep the innermost
    holders = [h for h in holders if not any(h in o.iterancestors() for o in holders)]
    return holders[0] if len(holders) == 1 else None


def complete_body(doc, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` plus the prose paragraphs the extraction skipped inside the page's article
    element, in page order. ``doc`` is the page without scripts and styles."""
    order = {el: i for i, el in enumerate(doc.iter())}
    by_key: dict[str, list] = {}
    for p in doc.iter("p"):
        text = text_of(p)
        if text:
            by_key.setdefault(key(text), []).append(p)
    keys = [key(p) for p in paragraphs]
    matched = [by_key[k][0] for k in keys if k in by_key]
    article = _article_element(doc, matched) if len(matched) >= _MIN_MATCHED else None
    if article is None:
        return paragraphs
    seen = set(keys)
    extra: list[tuple[int, str]] = []
    for p in article.iter("p"):
        text = text_of(p)
        k = key(text)
        if k in seen or not is_prose(text) or _excluded(p, article):
            continue
        seen.add(k)
        extra.append((order[p], text))
    if not extra:
        return paragraphs
    # Extracted lines keep their order; one the page has no <p> for follows its predecessor.
    placed: list[tuple[float, int, str]] = []
    last = -1.0
    for i, (k, text) in enumerate(zip(keys, paragraphs)):
        if k in by_key:
            last = float(order[by_key[k][0]])
        placed.append((last, i, text))
    placed += [(float(pos), len(placed) + n, text) for n, (pos, text) in enumerate(extra)]
    return [text for _, _, text in sorted(placed)]
