"""``briefing serve``: the web chat."""

from __future__ import annotations

import socket
import threading
import time

import click

from ui.cli_group import settings_from
from ui.progress import terminal_bar

# Asked once while starting: the first answer pays one-off costs (tokenizer, sentence splitter,
# caches), so without it the first user would wait for them. Any question does.
WARM_UP_QUESTION = "What happened?"


def real_answer_fn(settings):
    """The process's bot for ``settings``, warmed up, as ``answer(question, history)``.

    The bot reloads its index snapshot when the store's revision changes, so articles added or
    removed in the Articles tab are seen by the next question.
    """
    from bot.service import default_bot

    bot = default_bot(settings)
    bot.warm_up()  # loads the embedding model and the lexical index

    def answer(question, history):
        return bot.answer(question, history=history)

    # The chat streams an LLM's reply while it is written (Bot.stream); /ask keeps the plain call.
    answer.stream = lambda question, history: bot.stream(question, history=history)
    return answer


def _prepare_bot(settings):
    """Build the index if there is none, then load and warm the bot; returns its answer function."""
    import index

    summary = index.ensure_built(settings, progress=terminal_bar(True))
    if summary is not None:
        for line in summary.skipped:
            click.echo(f"warning: {line}", err=True)  # the line starts with "skipped"
        click.echo(f"index built: {summary.line()}")
    click.echo("loading the bot…")
    started = time.perf_counter()
    answer_fn = real_answer_fn(settings)
    if settings.llm == "extractive":  # an LLM warm-up could wait for the whole LLM timeout
        answer_fn(WARM_UP_QUESTION, [])  # the first answer pays one-off costs (tokenizer, caches)
    click.echo(f"bot ready in {time.perf_counter() - started:.1f} s")
    return answer_fn


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        try:
            s.bind((host, port))
        except OSError as e:
            raise click.ClickException(
                f"can't listen on {host}:{port} ({e.strerror or e}); choose another --port"
            ) from None


class _Background:
    """Run ``fn(*args)`` in a daemon thread (Ctrl+C during start-up doesn't wait for it)."""

    def __init__(self, fn, *args) -> None:
        self._result = self._error = None
        self._thread = threading.Thread(target=self._run, args=(fn, *args), daemon=True)
        self._thread.start()

    def _run(self, fn, *args) -> None:
        try:
            self._result = fn(*args)
        except BaseException as e:  # noqa: BLE001 -- re-raised in the caller's thread by result()
            self._error = e

    def result(self):
        while self._thread.is_alive():
            self._thread.join(0.2)  # short joins keep the main thread responsive to Ctrl+C
        if self._error is not None:
            raise self._error
        return self._result


def _answer_fn(bot: _Background):
    """The chat's answer function: waits for the bot loading beside the page."""

    def answer_fn(question, history):
        return bot.result()(question, history)

    answer_fn.stream = lambda question, history: bot.result().stream(question, history)
    return answer_fn


def _examples(bot: _Background, settings):
    def examples():
        """Questions about the indexed articles, from their briefing; this also loads the NLP
        layer in the background of serve rather than on the first question that needs it."""
        bot.result()
        from bot.briefing.examples import example_questions
        from bot.service import default_bot

        chat = default_bot(settings)
        return example_questions(chat.brief(), answers=lambda q: chat.answer(q).answered)

    return examples


@click.command("serve")
@click.option("--host", help="Bind address (default 127.0.0.1) [BRIEFING_HOST].")
@click.option("--port", type=int, help="Port (default 7860) [BRIEFING_PORT].")
@click.pass_context
def serve(ctx, host, port) -> None:
    """Start the web chat; builds the index from the articles folder on first run.

    Binds 127.0.0.1 unless --host says otherwise; never creates a public share link. Set
    BRIEFING_AUTH=user:password to require a login.

    \b
    Examples:
      briefing serve
      briefing serve --port 8080
      BRIEFING_AUTH=me:secret briefing serve --host 0.0.0.0
    """
    from ui.auth import parse_auth

    settings = settings_from(ctx).replace(host=host, port=port)
    parse_auth(settings.auth)  # a malformed BRIEFING_AUTH fails now, not after the build
    _check_port(settings.host, settings.port)  # before spending seconds on loading the bot
    started = time.perf_counter()
    click.echo(f"articles: {settings.articles_dir}")
    # Measured: importing gradio (~2.5 s) and loading the model + the bot's index (~2 s on the
    # seed, ~7 s on 100,000 passages) dominate start-up. The page goes up as soon as gradio is ready while the bot loads beside
    # it; a question asked meanwhile waits for the bot instead of failing.
    bot = _Background(_prepare_bot, settings)
    from ui.app import build_app, launch_app

    app = build_app(_answer_fn(bot), settings=settings, examples=_examples(bot, settings))
    try:
        url = launch_app(app, settings)
    except OSError as e:  # port taken or address not available
        raise click.ClickException(str(e).split(". ")[0]) from None
    login = " (login required)" if settings.auth else ""
    click.echo(
        f"web chat on {url}{login} in {time.perf_counter() - started:.1f} s  (Ctrl+C to stop)"
    )
    try:
        bot.result()  # surfaces a failed index build or model load here, as a one-line error
        click.echo(f"answering questions; ready in {time.perf_counter() - started:.1f} s")
        app.block_thread()
    except KeyboardInterrupt:
        pass
    finally:
        app.close()
