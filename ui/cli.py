"""The ``briefing`` command: one entry point, subcommands, one-line errors.

Examples:
    briefing serve                       # web chat on http://127.0.0.1:7860
    briefing ask "Which bridge did Russian bombers destroy?"
    briefing index build                 # incremental: only new/changed articles are embedded
"""

from __future__ import annotations

import functools
import logging
import sys

import click

from index.runtime import go_offline
from index.settings import Settings


def settings_from(ctx: click.Context) -> Settings:
    return ctx.find_root().obj


def friendly_errors(func):
    """Known failures become one line on stderr and a non-zero exit, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from bot.learned.model import ModelFilesError
        from index.articles import ArticleError
        from index.store import StoreError

        try:
            return func(*args, **kwargs)
        except (ValueError, KeyError, ArticleError) as e:
            message = e.args[0] if isinstance(e, KeyError) and e.args else str(e)
            click.echo(f"error: {message}", err=True)
            sys.exit(2)
        except (StoreError, ModelFilesError) as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(1)
        except OSError as e:  # e.g. a data dir that is a file or not writable
            click.echo(f"error: {e.strerror or e}: {e.filename or ''}".rstrip(": "), err=True)
            sys.exit(1)
        except Exception as e:
            # chromadb raises its own errors when the store is damaged (e.g. a truncated vector
            # segment surfaces only on the first query): name the command that repairs it.
            if type(e).__module__.startswith("httpx"):  # a Chroma server that stopped answering
                click.echo(f"error: the Chroma server failed mid-command ({type(e).__name__}); "
                           "check it and try again", err=True)
                sys.exit(1)
            if not type(e).__module__.startswith("chromadb"):
                raise
            reason = (str(e).strip().splitlines() or [""])[-1][:200]
            click.echo(f"error: the index can't be read ({type(e).__name__}: {reason}); "
                       "run `briefing index rebuild` to rebuild it from the articles", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data-dir", type=click.Path(file_okay=False), help="Where the index lives [BRIEFING_DATA_DIR].")
@click.option("--articles-dir", type=click.Path(file_okay=False), help="Folder of article files [BRIEFING_ARTICLES_DIR].")
@click.option("--chroma-url", help="Use a Chroma server, e.g. http://127.0.0.1:8000 [BRIEFING_CHROMA_URL].")
@click.option("--embedding-model", help="Packaged embedding model or model folder [BRIEFING_EMBEDDING_MODEL].")
@click.option("--llm", help="extractive | openai:<model> | ollama:<model> [BRIEFING_LLM].")
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
@click.pass_context
def cli(ctx: click.Context, data_dir, articles_dir, chroma_url, embedding_model, llm, verbose) -> None:
    """Ask questions about your news articles; get short answers with cited passages."""
    go_offline()
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        ctx.obj = Settings.from_env().replace(
            data_dir=data_dir, articles_dir=articles_dir, chroma_url=chroma_url,
            embedding_model=embedding_model, llm=llm,
        )
    except ValueError as e:
        raise click.UsageError(str(e)) from None


def main() -> None:
    from ui.commands_answer import ask
    from ui.commands_brief import brief
    from ui.commands_eval import evaluate
    from ui.commands_evalbrief import eval_brief
    from ui.commands_index import index_group
    from ui.commands_serve import serve

    for command in (index_group, ask, evaluate, serve, brief, eval_brief):
        cli.add_command(command)
    cli(prog_name="briefing")
