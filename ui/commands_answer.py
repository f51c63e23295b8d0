"""``briefing ask``."""

from __future__ import annotations

import click

from ui.cli import friendly_errors, settings_from


@click.command("ask")
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the Answer as one JSON object.")
@click.pass_context
@friendly_errors
def ask(ctx, question, as_json) -> None:
    """Answer QUESTION from the indexed articles, with numbered sources.

    Example: briefing ask "Which bridge did Russian bombers destroy?"
    """
    raise click.ClickException("not implemented yet")
