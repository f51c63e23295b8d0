"""The web chat's Briefing tab: pick articles, see the briefing with its sources, download it as
Markdown.

Call ``add_brief_tab(library, settings=settings)`` inside the app's ``gr.Blocks``. Every piece of
article text is escaped (``html.escape``) before it goes into our markup, as in ``ui/render.py``;
the downloaded Markdown escapes it too (``bot.briefing.render.to_markdown``).
"""

from __future__ import annotations

import hashlib
import html
import logging
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import gradio as gr

from bot.briefing import render
from bot.briefing.types import Briefing
from ui.library import Library

log = logging.getLogger(__name__)

BriefFn = Callable[[Sequence[str] | None], Briefing]
EMPTY = (
    '<p class="brief-note">Pick articles (or none for all of them) and press “Make briefing”.</p>'
)


#: Lines of a section shown open; the rest of a long who's who or places list is folded.
SHOWN = 12


def _t(value: object) -> str:
    return html.escape(str(value), quote=True)


def _marks(numbers: tuple[int, ...]) -> str:
    return "".join(f'<span class="cite">[{n}]</span>' for n in numbers)


def _with_detail(r: render.Row) -> str:
    """The sentence, escaped, with the span that says who/what it is marked."""
    at = r.text.find(r.detail) if r.detail else -1
    if at < 0:
        return _t(r.text)
    end = at + len(r.detail)
    return f"{_t(r.text[:at])}<mark>{_t(r.detail)}</mark>{_t(r.text[end:])}"


def _item(r: render.Row) -> str:
    if not r.head:
        return f"<li>{_t(r.text)} {_marks(r.citations)}</li>"
    also = f' <span class="brief-also">(also {_t(r.also)})</span>' if r.also else ""
    return f"<li><strong>{_t(r.head)}</strong>{also} — {_with_detail(r)} {_marks(r.citations)}</li>"


def briefing_html(b: Briefing | None) -> str:
    """The briefing as escaped HTML: one list per section, then the numbered sources."""
    if b is None:
        return EMPTY
    parts = [f'<div class="brief"><h2>Briefing: {_t("; ".join(b.titles))}</h2>']
    for heading, section in render.rows(b):
        items = (
            "".join(_item(r) for r in section[:SHOWN])
            or f'<li class="brief-note">{_t(render.NONE_FOUND)}</li>'
        )
        more = section[SHOWN:]
        if more:  # every name is listed (most mentioned first); the tail opens on a click
            items += (
                f'<li class="brief-more"><details><summary>{len(more)} more</summary><ul>'
                + "".join(_item(r) for r in more)
                + "</ul></details></li>"
            )
        parts.append(f"<h3>{_t(heading)}</h3><ul>{items}</ul>")
    sources = "".join(
        f'<li><span class="cite">[{c.n}]</span> {_t(c.title)} — {_t(render.where(c))}'
        f'<div class="source-passage">{_t(" ".join(c.quotes))}</div></li>'
        for c in b.citations
    )
    parts.append(f'<h3>Sources</h3><ul class="source-list">{sources}</ul></div>')
    return "".join(parts)


def markdown_file(b: Briefing, folder: Path | None = None) -> Path:
    """Write the briefing's Markdown to a file named after its articles; returns the path."""
    folder = folder or Path(tempfile.gettempdir()) / "briefing-downloads"
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256("|".join(b.article_ids).encode()).hexdigest()[:10]
    path = folder / f"briefing-{digest}.md"
    path.write_text(render.to_markdown(b), encoding="utf-8")
    return path


class BriefHandlers:
    """The tab's event handlers, apart from the layout so tests call them directly."""

    def __init__(self, library: Library, brief_fn: BriefFn) -> None:
        self.library = library
        self.brief_fn = brief_fn

    def choices(self):
        try:
            articles = self.library.articles()
        except Exception:  # no index yet: the picker stays empty, "all articles" still works
            log.exception("listing articles for the briefing tab failed")
            articles = []
        return gr.update(choices=[(f"{a.title} ({a.id[:8]})", a.id) for a in articles])

    def make(self, article_ids: list[str] | None):
        try:
            b = self.brief_fn(list(article_ids or []) or None)
        except Exception as e:  # the message is ours (unknown id, no index): shown as text
            log.exception("briefing failed")
            note = f'<p class="status error">Could not make the briefing: {_t(e)}</p>'
            return note, gr.update(value=None, interactive=False)
        return briefing_html(b), gr.update(value=str(markdown_file(b)), interactive=True)


def add_brief_tab(
    library: Library, brief_fn: BriefFn | None = None, settings=None
) -> BriefHandlers:
    """Add the Briefing tab to the ``gr.Blocks`` being built. ``brief_fn(article_ids)`` defaults to
    ``bot.brief`` with ``settings``."""
    if brief_fn is None:

        def brief_fn(ids):
            import bot

            return bot.brief(ids, settings=settings)

    on = BriefHandlers(library, brief_fn)
    private = {"api_visibility": "private"}
    with gr.Tab("Briefing", id="brief-tab") as tab:
        with gr.Row():
            pick = gr.Dropdown(
                label="Articles (leave empty for all)",
                choices=[],
                multiselect=True,
                elem_id="brief-articles",
                scale=4,
            )
            make = gr.Button("Make briefing", variant="primary", elem_id="brief-make", scale=1)
        out = gr.HTML(EMPTY, elem_id="brief-out", js_on_load=None)
        download = gr.DownloadButton(
            "Download Markdown", value=None, interactive=False, elem_id="brief-download"
        )
    tab.select(on.choices, outputs=pick, **private)
    make.click(on.make, inputs=pick, outputs=[out, download], **private)
    return on
