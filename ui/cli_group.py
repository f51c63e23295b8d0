"""What every ``briefing`` subcommand shares: the settings built by the root group, and the one
place where known failures become a one-line error (``BriefingGroup``, the root's class).

Subcommands live in ``ui/commands_*.py`` and import from here, never from ``ui.cli``, which
imports them all and registers them when it is imported (so ``ui.cli.cli`` is always whole).
"""

from __future__ import annotations

import sys

import click

from ui.settings import Settings


def settings_from(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def _exit_with(e: Exception) -> None:
    """Known failures become one line on stderr and a non-zero exit, never a traceback."""
    from bot.answering.learned.model import ModelFilesError
    from index.pages.articles import ArticleError
    from index.storage.store import StoreError

    if isinstance(e, (ValueError, KeyError, ArticleError)):
        message = e.args[0] if isinstance(e, KeyError) and e.args else str(e)
        click.echo(f"error: {message}", err=True)
        sys.exit(2)
    if isinstance(e, (StoreError, ModelFilesError)):
        click.echo(f"error: {e}", err=True)
        sys.exit(1)
    if isinstance(e, OSError):  # e.g. a data dir that is a file or not writable
        click.echo(f"error: {e.strerror or e}: {e.filename or ''}".rstrip(": "), err=True)
        sys.exit(1)
    if type(e).__module__.startswith("httpx"):  # a Chroma server that stopped answering
        click.echo(
            f"error: the Chroma server failed mid-command ({type(e).__name__}); "
            "check it and try again",
            err=True,
        )
        sys.exit(1)
    if type(e).__module__.startswith("chromadb"):
        # chromadb raises its own errors when the store is damaged (e.g. a truncated vector
        # segment surfaces only on the first query): name the command that repairs it.
        reason = (str(e).strip().splitlines() or [""])[-1][:200]
        click.echo(
            f"error: the index can't be read ({type(e).__name__}: {reason}); "
            "run `briefing index rebuild` to rebuild it from the articles",
            err=True,
        )
        sys.exit(1)
    raise e


class BriefingGroup(click.Group):
    """A ``click.Group`` whose subcommands' known failures (bad input, a damaged index, a missing
    model, an unreachable Chroma server) end in one line on stderr and exit 2 (the user's input)
    or 1 (the machine's state); anything else is a bug and keeps its traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as e:
            _exit_with(e)
