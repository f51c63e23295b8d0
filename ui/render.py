"""Answers, sources and article lists as HTML for the web chat.

Everything that comes from an article or a user (titles, passages, quotes, questions, file names)
is text: it goes through ``html.escape`` before it is placed inside our markup, so an article with
``<script>``, ``<img onerror=...>``, ``javascript:`` links or markdown image syntax shows up as
characters and never runs. The chat component renders with ``render_markdown=False``, so markdown
syntax in that text is not interpreted either; no function here emits links or images.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from bot.citations import MARKER
from bot.types import Answer, Citation

REFUSAL_NOTE = "Not in the articles"


def text(value: object) -> str:
    """Escape any value for use as HTML text content (quotes too, so it is safe in attributes)."""
    return html.escape(str(value), quote=True)


def _multiline(value: str) -> str:
    return "<br>".join(text(line) for line in value.split("\n"))


def user_message(question: str) -> str:
    """The question as the chat shows it."""
    return _multiline(question)


def answer_message(answer: Answer) -> str:
    """The answer bubble: escaped text with ``[n]`` markers styled, or a muted refusal."""
    if not answer.answered:
        return (
            f'<span class="refusal"><span class="refusal-label">{REFUSAL_NOTE}</span> · '
            f"{_multiline(answer.text)}{_related(answer.related)}</span>"
        )
    known = {c.n for c in answer.citations}
    escaped = _multiline(answer.text)  # escaping leaves "[3]" intact, so markers are found after it

    def marker(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if n not in known:  # the bot drops these; never show a marker without its source
            return ""
        return f'<span class="cite" title="source {n}">[{n}]</span>'

    return f'<span class="answer">{MARKER.sub(marker, escaped)}</span>'


def _related(related: Sequence[Citation]) -> str:
    """A refusal's closest passages, muted, as related reading (no [n]: they are not sources)."""
    if not related:
        return ""
    items = "".join(
        f'<li><span class="related-title">{text(c.title or c.source or c.article_id)}</span>: '
        f"{text(' '.join(c.quotes))}</li>"
        for c in related
    )
    return f'<div class="related"><span class="related-label">Related reading</span><ul>{items}</ul></div>'


def draft_message(text: str) -> str:
    """An LLM's reply while it is being written: escaped, muted, its markers not yet checked."""
    return (
        f'<span class="draft"><span class="draft-label">Checking against the sources…</span> '
        f"{_multiline(text)}</span>"
    )


def _normalise(value: str) -> str:
    return " ".join(value.split())


def _quote_spans(passage: str, quotes: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the quoted sentences sit in the passage, as sorted, non-overlapping spans."""
    spans: list[tuple[int, int]] = []
    for piece in (_normalise(q) for q in quotes):
        start = passage.find(piece) if piece else -1
        if start >= 0:
            spans.append((start, start + len(piece)))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlighted_passage(passage: str, quotes: tuple[str, ...] | str) -> str:
    """The passage, escaped, with the quoted sentences inside ``<mark>``.

    When the quotes can't be located (e.g. the bot normalised whitespace), the passage is shown as
    is and the quotes are added below it, so the user always sees what was used.
    """
    if isinstance(quotes, str):
        quotes = (quotes,)
    passage = _normalise(passage)
    spans = _quote_spans(passage, quotes)
    quote = " ".join(_normalise(q) for q in quotes if q.strip())
    if not spans:
        body = text(passage)
        if quote and quote != passage:
            body += f'<span class="quote-apart">Quoted: <mark>{text(quote)}</mark></span>'
        return body
    out, at = [], 0
    for start, end in spans:
        out.append(text(passage[at:start]))
        out.append(f"<mark>{text(passage[start:end])}</mark>")
        at = end
    out.append(text(passage[at:]))
    return "".join(out)


def _meta_line(c: Citation) -> str:
    # A page added by URL: its address, as text (never a link: the page's markup is not trusted).
    web = c.source if c.source.startswith(("http://", "https://")) else ""
    parts = [c.author, c.published, f"paragraph {c.paragraph}" if c.paragraph else "", web]
    return " · ".join(text(p) for p in parts if p)


def cited_order(answer: Answer) -> list[Citation]:
    """Citations in the order their markers first appear in the text, then any never referenced."""
    by_n = {c.n: c for c in answer.citations}
    seen: list[int] = []
    for match in MARKER.finditer(answer.text):
        n = int(match.group(1))
        if n in by_n and n not in seen:
            seen.append(n)
    rest = sorted(n for n in by_n if n not in seen)
    return [by_n[n] for n in seen + rest]


def sources_panel(answer: Answer | None) -> str:
    """The sources panel for the latest answer (a muted note for a refusal, a hint before any)."""
    if answer is None:
        return '<div class="sources empty">Sources for the answer will appear here.</div>'
    asked = f'<div class="sources-for">For “{text(answer.question)}”</div>'
    if not answer.answered or not answer.citations:
        return f'<div class="sources none">{asked}No sources: the articles don\'t say.</div>'
    items = []
    for c in cited_order(answer):
        items.append(
            f'<li class="source" data-n="{c.n}">'
            f'<div class="source-head"><span class="cite">[{c.n}]</span> '
            f'<span class="source-title">{text(c.title or c.source or c.article_id)}</span></div>'
            f'<div class="source-meta">{_meta_line(c)}</div>'
            f'<p class="source-passage">{highlighted_passage(c.text, c.quotes)}</p>'
            "</li>"
        )
    return f'<div class="sources">{asked}<ol class="source-list">{"".join(items)}</ol></div>'


def articles_table(articles: Sequence[object]) -> str:
    """The indexed articles (``index.ArticleInfo``-like rows) as an escaped HTML table."""
    if not articles:
        return '<div class="articles empty">No articles indexed yet. Upload one below.</div>'
    rows = []
    for a in articles:
        rows.append(
            "<tr>"
            f'<td class="article-title">{text(getattr(a, "title", "") or "(untitled)")}</td>'
            f"<td>{text(getattr(a, 'outlet', ''))}</td>"
            f"<td>{text(getattr(a, 'author', ''))}</td>"
            f"<td>{text(getattr(a, 'published', ''))}</td>"
            f'<td class="num">{int(getattr(a, "passages", 0))}</td>'
            f'<td class="mono">{text(getattr(a, "source", ""))}</td>'
            f'<td class="mono">{text(getattr(a, "id", ""))}</td>'
            "</tr>"
        )
    head = (
        "<thead><tr><th>Title</th><th>Outlet</th><th>Author</th><th>Published</th><th>Passages</th>"
        "<th>File</th><th>Id</th></tr></thead>"
    )
    return f'<table class="articles">{head}<tbody>{"".join(rows)}</tbody></table>'


def article_choices(articles: Iterable[object]) -> list[tuple[str, str]]:
    """(label, article id) pairs for the remove dropdown; labels are shown as plain text."""
    return [
        (f"{getattr(a, 'title', '') or '(untitled)'} — {getattr(a, 'source', '')}", str(a.id))
        for a in articles
    ]


def status_note(message: str, kind: str = "info") -> str:
    """A one-line status message for the Articles tab (``kind``: info, ok or error)."""
    kind = kind if kind in ("info", "ok", "error") else "info"
    return f'<div class="status {kind}">{_multiline(message)}</div>'


CSS = """
.draft { color: var(--body-text-color-subdued); }
.draft-label { font-weight: 600; font-size: 0.8em; margin-right: 4px; }
.refusal { color: var(--body-text-color-subdued); font-style: italic; }
.refusal-label { font-weight: 600; font-style: normal; font-size: 0.8em;
  border: 1px solid currentColor; border-radius: 4px; padding: 0 4px; }
.related { font-size: 0.9em; margin-top: 6px; }
.related-label { font-weight: 600; font-style: normal; font-size: 0.85em; }
.related ul { margin: 2px 0 0 0; padding-left: 18px; }
.related-title { font-style: normal; }
.cite { color: var(--color-accent); font-weight: 600; font-size: 0.85em; white-space: nowrap; }
.sources { font-size: 0.95em; }
.sources.empty, .sources.none { color: var(--body-text-color-subdued); font-style: italic; }
.sources-for { color: var(--body-text-color-subdued); font-size: 0.85em; margin-bottom: 6px;
  font-style: normal; }
.source-list { list-style: none; padding-left: 0; margin: 0; }
.source { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 10px;
  margin-bottom: 8px; }
.source-title { font-weight: 600; }
.source-meta { color: var(--body-text-color-subdued); font-size: 0.85em; margin: 2px 0 6px; }
.source-passage { margin: 0; line-height: 1.45; }
.source-passage mark { background: #fde68a; color: #111; padding: 0 2px; border-radius: 2px; }
.quote-apart { display: block; margin-top: 6px; }
table.articles { width: 100%; border-collapse: collapse; font-size: 0.95em; }
table.articles th, table.articles td { border-bottom: 1px solid var(--border-color-primary);
  padding: 4px 6px; text-align: left; vertical-align: top; }
table.articles td.num { text-align: right; }
table.articles td.mono { font-family: var(--font-mono); font-size: 0.85em; }
.status.error { color: var(--error-text-color, #b91c1c); }
.status.ok { color: var(--color-accent); }
"""
