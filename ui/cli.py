"""The ``briefing`` command: one entry point, subcommands, one-line errors.

Examples:
    briefing serve                       # web chat on http://127.0.0.1:7860
    briefing ask "Which bridge did Russian bombers destroy?"
    briefing index build                 # incremental: only new/changed articles are embedded
"""

from __future__ import annotations

import logging

import click

from index.runtime import go_offline
from ui.cli_group import BriefingGroup
from ui.commands_answer import ask
from ui.commands_brief import brief
from ui.commands_eval import evaluate
from ui.commands_evalbrief import eval_brief
from ui.commands_index import index_group
from ui.commands_serve import serve
from ui.settings import Settings


@click.group(cls=BriefingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    help="Where the index lives [BRIEFING_DATA_DIR].",
)
@click.option(
    "--articles-dir",
    type=click.Path(file_okay=False),
    help="Folder of article files [BRIEFING_ARTICLES_DIR].",
)
@click.option(
    "--chroma-url", help="Use a Chroma server, e.g. http://127.0.0.1:8000 [BRIEFING_CHROMA_URL]."
)
@click.option(
    "--embedding-model", help="Packaged embedding model or model folder [BRIEFING_EMBEDDING_MODEL]."
)
@click.option("--llm", help="extractive | openai:<model> | ollama:<model> [BRIEFING_LLM].")
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
@click.pass_context
def cli(
    ctx: click.Context, data_dir, articles_dir, chroma_url, embedding_model, llm, verbose
) -> None:
    """Ask questions about your news articles; get short answers with cited passages."""
    go_offline()
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s: %(message)s"
    )
    try:
        ctx.obj = Settings.from_env().replace(
            data_dir=data_dir,
            articles_dir=articles_dir,
            chroma_url=chroma_url,
            embedding_model=embedding_model,
            llm=llm,
        )
    except ValueError as e:
        raise click.UsageError(str(e)) from None


for _command in (index_group, ask, evaluate, serve, brief, eval_brief):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="briefing")
