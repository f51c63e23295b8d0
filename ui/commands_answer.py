"""``briefing ask`` and ``briefing eval``."""

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


@click.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
@friendly_errors
def evaluate(ctx, file, as_json) -> None:
    """Run a question file (JSONL) and report accuracy, citation hits and refusals.

    Example: briefing eval ../shared/eval/seed_dev.jsonl
    """
    raise click.ClickException("not implemented yet")
