"""The web chat: a Gradio app that adapts ``bot.answer`` and the index to the browser.

No retrieval here: the answer function and the library are injected, which is also how tests run
the app with fakes.

Example:
    >>> import bot
    >>> from ui.app import build_app, launch_app
    >>> app = build_app(lambda q, history: bot.answer(q, history=history, settings=settings),
    ...                 settings=settings)
    >>> url = launch_app(app, settings)  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import gradio as gr

from ui import render
from ui.auth import parse_auth
from ui.brief_tab import add_brief_tab
from ui.handlers import AnswerFn, Handlers
from ui.library import UPLOAD_SUFFIXES, IndexLibrary, Library
from ui.settings import Settings

#: Shown under the chat until questions drawn from the indexed articles are ready
#: (``bot.briefing.examples.example_questions``, passed in as ``examples``).
EXAMPLES = ("What are the main points of the articles?",)

INTRO = (
    "## Briefing bot\n"
    "Short answers from your news articles, each tied to a cited passage, "
    'or a plain "not in the articles".'
)


PRIVATE = {"api_visibility": "private"}  # only /ask is part of the API
# Enter, the Ask button and /ask share one queue slot: one answer at a time.
ANSWERING = {"concurrency_id": "answer", "concurrency_limit": 1}


def build_app(
    answer_fn: AnswerFn,
    library: Library | None = None,
    settings: Settings | None = None,
    examples: Sequence[str] | Callable[[], Sequence[str]] = EXAMPLES,
) -> gr.Blocks:
    """The Chat and Articles tabs plus the ``/ask`` API endpoint, as a ``gr.Blocks``.

    ``answer_fn(question, history)`` returns an ``Answer``; ``history`` is the conversation so far
    as (question, answer text) pairs. ``library`` defaults to the index of ``settings``.
    ``examples``: the example questions, or a function returning them (called when the page
    loads, e.g. questions drawn from the indexed articles once the bot is ready).
    """
    settings = settings or Settings.from_env()
    on = Handlers(answer_fn, library or IndexLibrary(settings))

    with gr.Blocks(title="Briefing bot", analytics_enabled=False) as app:
        gr.Markdown(INTRO)
        turns = gr.State([])
        chat = _chat_tab(EXAMPLES if callable(examples) else tuple(examples))
        articles = _articles_tab(settings)
        add_brief_tab(on.library, settings=settings)  # Briefing tab: ui/brief_tab.py
        _wire_chat(on, chat, turns)
        _wire_articles(app, on, articles)
        _wire_examples(app, chat, examples)
        gr.api(on.ask, api_name="ask", **ANSWERING)
    return app


@dataclass(frozen=True)
class _ChatTab:
    chat: gr.Chatbot
    question: gr.Textbox
    ask_button: gr.Button
    example_set: gr.Dataset
    clear: gr.Button
    sources: gr.HTML


def _chat_tab(first_examples: Sequence[str]) -> _ChatTab:
    with gr.Tab("Chat", id="chat-tab"), gr.Row(equal_height=False):
        with gr.Column(scale=3):
            # render_markdown=False: answers and questions are shown as text; the only
            # markup in a message is ours (see ui/render.py).
            chat = gr.Chatbot(
                label="Ask about the articles",
                elem_id="chat",
                height=460,
                render_markdown=False,
                sanitize_html=True,
                allow_tags=False,
                latex_delimiters=[],
                buttons=[],
                feedback_options=None,
                placeholder="Answers come only from the indexed articles; [n] markers "
                "point to the sources on the right.",
            )
            with gr.Row():
                question = gr.Textbox(
                    show_label=False,
                    placeholder="Ask a question and press Enter",
                    elem_id="question",
                    scale=5,
                    autofocus=True,
                    max_lines=4,
                )
                ask_button = gr.Button("Ask", variant="primary", elem_id="ask", scale=1)
            example_set = gr.Dataset(
                components=[question],
                samples=[[q] for q in first_examples],
                label="Example questions",
                elem_id="examples",
            )
            clear = gr.Button("Clear chat", elem_id="clear", size="sm")
        with gr.Column(scale=2):
            gr.Markdown("### Sources")
            sources = gr.HTML(render.sources_panel(None), elem_id="sources", js_on_load=None)
    return _ChatTab(chat, question, ask_button, example_set, clear, sources)


@dataclass(frozen=True)
class _ArticlesTab:
    status: gr.HTML
    table: gr.HTML
    upload: gr.File
    add_button: gr.Button
    url_box: gr.Textbox
    add_url_button: gr.Button
    pick: gr.Dropdown
    remove_button: gr.Button
    rebuild_button: gr.Button


def _articles_tab(settings: Settings) -> _ArticlesTab:
    with gr.Tab("Articles", id="articles-tab"):
        status = gr.HTML(render.status_note("Loading…"), elem_id="articles-status", js_on_load=None)
        table = gr.HTML(elem_id="articles-table", js_on_load=None)
        with gr.Row():
            with gr.Column():
                upload = gr.File(
                    label=f"Add articles ({', '.join(UPLOAD_SUFFIXES)}; "
                    f"up to {settings.max_upload_bytes // 1_000_000} MB each)",
                    file_count="multiple",
                    file_types=list(UPLOAD_SUFFIXES),
                    elem_id="upload",
                )
                add_button = gr.Button("Add to index", elem_id="add", variant="primary")
                url_box = gr.Textbox(
                    label="Or add a web page by its address",
                    elem_id="add-url",
                    lines=1,
                    placeholder="https://www.example.org/news/story.html",
                    max_length=4000,
                )
                add_url_button = gr.Button("Fetch and add", elem_id="add-url-button")
            with gr.Column():
                pick = gr.Dropdown(label="Article to remove", choices=[], elem_id="remove-choice")
                remove_button = gr.Button("Remove article", elem_id="remove", variant="stop")
                rebuild_button = gr.Button("Rebuild index", elem_id="rebuild")
    return _ArticlesTab(
        status,
        table,
        upload,
        add_button,
        url_box,
        add_url_button,
        pick,
        remove_button,
        rebuild_button,
    )


def _wire_chat(on: Handlers, tab: _ChatTab, turns: gr.State) -> None:
    chat_out = [tab.question, tab.chat, tab.sources, turns]
    ask = {"inputs": [tab.question, turns], "outputs": chat_out, **PRIVATE, **ANSWERING}
    tab.question.submit(on.ask_chat_stream, **ask)
    tab.ask_button.click(on.ask_chat_stream, **ask)
    tab.clear.click(on.clear_chat, outputs=chat_out, **PRIVATE)
    # The chat's own trash icon empties only the chat; forget the history and sources too.
    tab.chat.clear(on.clear_chat, outputs=chat_out, **PRIVATE)


def _wire_articles(app: gr.Blocks, on: Handlers, tab: _ArticlesTab) -> None:
    listing = [tab.table, tab.pick, tab.status]
    # One progress bar, not one per output; and Add, Remove and Rebuild share one queue slot:
    # a click while another index write runs waits its turn instead of failing on the
    # index lock (each event had its own slot: a Rebuild right after an Add could collide).
    one_bar = {
        "show_progress_on": tab.status,
        "concurrency_id": "index-writes",
        "concurrency_limit": 1,
        **PRIVATE,
    }
    tab.add_button.click(
        on.add_articles, inputs=tab.upload, outputs=[*listing, tab.upload], **one_bar
    )
    by_url = {"inputs": tab.url_box, "outputs": [*listing, tab.url_box], **one_bar}
    tab.add_url_button.click(on.add_url, **by_url)
    tab.url_box.submit(on.add_url, **by_url)
    tab.remove_button.click(on.remove_article, inputs=tab.pick, outputs=listing, **one_bar)
    tab.rebuild_button.click(on.rebuild_index, outputs=listing, **one_bar)
    app.load(on.refresh, outputs=listing, **PRIVATE)


def _wire_examples(
    app: gr.Blocks, tab: _ChatTab, examples: Sequence[str] | Callable[[], Sequence[str]]
) -> None:
    example_set = tab.example_set
    example_set.click(lambda picked: picked[0], inputs=example_set, outputs=tab.question, **PRIVATE)
    if callable(examples):
        app.load(
            lambda: gr.Dataset(samples=[[q] for q in _safe(examples)]),
            outputs=example_set,
            **PRIVATE,
        )


def _safe(examples: Callable[[], Sequence[str]]) -> list[str]:
    try:
        return list(examples()) or list(EXAMPLES)
    except (ValueError, RuntimeError, OSError):  # no articles yet, or the briefing failed
        return list(EXAMPLES)


def launch_app(app: gr.Blocks, settings: Settings, quiet: bool = True) -> str:
    """Serve ``app`` on ``settings.host:port`` (no share link, optional login); returns the URL
    once the server is up. Call ``app.block_thread()`` to wait, ``app.close()`` to stop."""
    app.queue(default_concurrency_limit=1)  # index writes take a lock anyway; don't pile them up
    _, url, _ = app.launch(
        server_name=settings.host,
        server_port=settings.port,
        share=False,
        auth=parse_auth(settings.auth),
        prevent_thread_lock=True,
        quiet=quiet,
        show_error=False,
        max_file_size=settings.max_upload_bytes,
        ssr_mode=False,
        mcp_server=False,
        pwa=False,
        enable_monitoring=False,
        run_history=False,
        footer_links=["api"],
        inbrowser=False,
        css=render.CSS,
    )
    return url
