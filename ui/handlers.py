"""What the web chat's buttons do: plain methods over an injected answer function and library.

Kept apart from the layout (``ui/app.py``) so tests call them directly. Failures become a toast
and/or a status line in the page; tracebacks only go to the server log.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import gradio as gr

from bot.types import Answer
from ui import render
from ui.library import Library, UploadError

log = logging.getLogger(__name__)

AnswerFn = Callable[[str, list[tuple[str, str]]], Answer]
# A turn as kept in the session: (question, answer text for the history, answer bubble HTML).
Turn = tuple[str, str, str]


def say(kind: str, message: str) -> None:
    """A toast. Gradio renders toast messages as HTML, so the text is escaped first."""
    (gr.Warning if kind == "warning" else gr.Info)(html.escape(message))


def chat_messages(turns: Sequence[Turn]) -> list[dict]:
    """The chat component's value for the session's turns."""
    messages: list[dict] = []
    for question, _, bubble in turns:
        messages.append({"role": "user", "content": render.user_message(question)})
        messages.append({"role": "assistant", "content": bubble})
    return messages


def history_pairs(turns: Sequence[Turn]) -> list[tuple[str, str]]:
    """The conversation as the bot takes it: (question, answer text) pairs."""
    return [(question, answer_text) for question, answer_text, _ in turns]


def file_paths(files) -> list[Path]:
    """Paths of what a ``gr.File`` hands over (file paths, or objects with ``.name``)."""
    if not files:
        return []
    files = files if isinstance(files, list) else [files]
    return [Path(getattr(f, "name", f)) for f in files]


def _embedding_bar(progress: gr.Progress) -> Callable[[int, int], None]:
    """The index's progress callback drawn as the page's progress bar (no tqdm tracking: gradio's
    patched tqdm broke bars made outside its events, see ``index.storage.progress``)."""

    def show(done: int, total: int) -> None:
        progress((done, total), desc="Embedding passages", unit="passages")

    return show


def _reason(e: Exception) -> str:
    # KeyError's str() adds quotes around the message; ours are sentences already.
    return str(e.args[0]) if isinstance(e, KeyError) and e.args else str(e)


class Handlers:
    """The event handlers of one app."""

    def __init__(self, answer_fn: AnswerFn, library: Library) -> None:
        self.answer_fn = answer_fn
        self.library = library

    # -- chat -------------------------------------------------------------------------------------

    def ask_chat(self, question: str, turns: list[Turn]):
        """Outputs: (question box, chat, sources panel, turns)."""
        unchanged = (gr.skip(), gr.skip(), gr.skip(), gr.skip())
        question = (question or "").strip()
        if not question:
            say("warning", "Type a question first.")
            return unchanged
        try:
            answer = self.answer_fn(question, history_pairs(turns))
        except Exception as e:
            say("warning", self._failure(question, e))
            return unchanged
        turns = [*turns, (question, answer.text, render.answer_message(answer))]
        return "", chat_messages(turns), render.sources_panel(answer), turns

    def _failure(self, question: str, error: Exception) -> str:
        """What to tell the user when the bot raised (the traceback goes to the server log)."""
        if self._index_is_empty():
            return "No articles are indexed yet: add some in the Articles tab."
        if type(error) is ValueError:  # the bot's own one-line reasons, e.g. an empty question
            return str(error)
        from index.storage.store import StoreError

        if isinstance(error, StoreError):  # its message names the recovery command
            log.warning("answering %r failed: %s", question, error)
            return str(error)
        log.exception("answering %r failed", question, exc_info=error)
        return "Something went wrong while answering; see the server log."

    def _index_is_empty(self) -> bool:
        try:
            return not self.library.articles()
        except Exception:
            return False

    def ask_chat_stream(self, question: str, turns: list[Turn]):
        """``ask_chat`` as a generator: an LLM's reply shows while it is written, marked as not yet
        checked, then the checked answer replaces it. Without a ``stream`` on the answer function
        (the extractive bot) it yields ``ask_chat``'s one result. Outputs as ``ask_chat``."""
        stream = getattr(self.answer_fn, "stream", None)
        question = (question or "").strip()
        if stream is None or not question:
            yield self.ask_chat(question, turns)
            return
        try:
            for item in stream(question, history_pairs(turns)):
                if isinstance(item, Answer):
                    done = [*turns, (question, item.text, render.answer_message(item))]
                    yield "", chat_messages(done), render.sources_panel(item), done
                else:
                    draft = [*turns, (question, "", render.draft_message(item))]
                    yield gr.skip(), chat_messages(draft), gr.skip(), gr.skip()
        except Exception as e:
            say("warning", self._failure(question, e))
            yield gr.skip(), chat_messages(turns), gr.skip(), gr.skip()  # the draft goes away

    def clear_chat(self):
        return "", [], render.sources_panel(None), []

    def ask(self, question: str, history: list[list[str]] | None = None) -> dict:
        """Answer a question from the indexed articles: the answer text with [n] markers, whether
        it was answered, and the cited passages (Answer.to_dict()).

        Args:
            question: the question.
            history: optional earlier turns as [question, answer] pairs, oldest first.
        """
        pairs = [(str(q), str(a)) for q, a in (history or [])]
        try:
            return self.answer_fn(question, pairs).to_dict()
        except Exception as e:  # API clients get the same one-line reason as the page
            raise gr.Error(self._failure(question, e), print_exception=False) from None

    # -- articles ---------------------------------------------------------------------------------

    def refresh(self, message: str = "", kind: str = "info"):
        """Outputs: (articles table, remove dropdown, status line)."""
        try:
            articles = self.library.articles()
        except Exception as e:  # e.g. the store can't be opened: say so in the page
            log.exception("listing articles failed")
            return (
                render.articles_table([]),
                gr.update(choices=[], value=None),
                render.status_note(f"Can't read the index: {_reason(e)}", "error"),
            )
        note = message or f"{len(articles)} article(s) indexed."
        return (
            render.articles_table(articles),
            gr.update(choices=render.article_choices(articles), value=None),
            render.status_note(note, kind),
        )

    def add_articles(self, files, progress=gr.Progress()):
        """Outputs: (table, dropdown, status, upload box)."""
        paths = file_paths(files)
        if not paths:
            return (
                *self.refresh("Choose one or more .txt, .md or .html files first.", "error"),
                gr.skip(),
            )
        progress(0, desc="Reading the files")
        return self._add(
            lambda: self.library.add(paths, progress=_embedding_bar(progress)),
            [p.name for p in paths],
            (UploadError, ValueError),
            cleared=None,
        )

    def add_url(self, text: str | None, progress=gr.Progress()):
        """Outputs: (table, dropdown, status, URL box). One or more URLs, one per line or
        separated by spaces."""
        urls = (text or "").split()
        if not urls:
            return (
                *self.refresh("Paste the address of a web page first (https://…).", "error"),
                gr.skip(),
            )
        progress(0, desc="Fetching the page")
        return self._add(
            lambda: self.library.add_urls(urls, progress=_embedding_bar(progress)),
            urls,
            (ValueError,),
            cleared="",
        )

    def _add(self, work, names: list[str], expected: tuple[type, ...], cleared):
        """Run an add (files or URLs); outputs (table, dropdown, status, input box), the box
        emptied to ``cleared`` on success and kept on failure."""
        try:
            summary = work()
        except (
            Exception
        ) as e:  # UploadError, FetchError, ArticleError, StoreError: one-line reasons
            if not isinstance(e, expected):
                log.exception("adding %s failed", names)
            say("warning", f"Not added: {_reason(e)}")
            return (*self.refresh(f"Not added: {_reason(e)}", "error"), gr.skip())
        shown = ", ".join(names)
        say("info", f"Added {shown}")
        return (*self.refresh(f"Added {shown}: {summary.line()}", "ok"), cleared)

    def remove_article(self, article_id: str | None):
        """Outputs: (table, dropdown, status)."""
        if not article_id:
            return self.refresh("Choose an article to remove first.", "error")
        try:
            info = self.library.remove(article_id)
        except Exception as e:
            if not isinstance(e, (KeyError, ValueError)):
                log.exception("removing %s failed", article_id)
            say("warning", f"Not removed: {_reason(e)}")
            return self.refresh(f"Not removed: {_reason(e)}", "error")
        return self.refresh(f"Removed “{info.title}” ({info.passages} passages).", "ok")

    def rebuild_index(self, progress=gr.Progress()):
        """Outputs: (table, dropdown, status)."""
        progress(0, desc="Reading the articles")
        try:
            summary = self.library.rebuild(progress=_embedding_bar(progress))
        except Exception as e:
            log.exception("rebuild failed")
            say("warning", f"Rebuild failed: {_reason(e)}")
            return self.refresh(f"Rebuild failed: {_reason(e)}", "error")
        return self.refresh(f"Rebuilt: {summary.line()}", "ok")
