"""``briefing brief``: a briefing document (key points, who's who, timeline, places) in the
terminal, as Markdown or as JSON."""

from __future__ import annotations

import json

import click

from bot.briefing.render import to_markdown, to_text
from ui.cli_group import settings_from
from ui.progress import terminal_bar


@click.command("brief")
@click.argument("article_ids", nargs=-1, metavar="[ARTICLE_ID]...")
@click.option("--json", "as_json", is_flag=True, help="Print the Briefing as one JSON object.")
@click.option(
    "--markdown", "as_markdown", is_flag=True, help="Print the briefing as a Markdown document."
)
@click.pass_context
def brief(ctx, article_ids, as_json, as_markdown) -> None:
    """A briefing of the indexed articles: key points, who's who, a timeline and places, every
    line a sentence quoted from an article with its [n] source.

    ARTICLE_ID: ids from `briefing index status` (a unique prefix is enough); all articles when
    none is given. Several articles make one briefing, repeated sentences merged.

    Examples:

        briefing brief

        briefing brief 791dfc30 --markdown > briefing.md

        briefing brief --json
    """
    if as_json and as_markdown:
        raise click.UsageError("choose one of --json and --markdown")
    from bot.service import default_bot
    from index import ensure_built

    settings = settings_from(ctx)
    ensure_built(settings, progress=terminal_bar(not (as_json or as_markdown)))
    b = default_bot(settings).brief(list(article_ids) or None)
    if as_json:
        click.echo(json.dumps(b.to_dict(), ensure_ascii=False))
    elif as_markdown:
        click.echo(to_markdown(b))
    else:
        click.echo(to_text(b))
