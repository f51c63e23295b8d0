"""``briefing eval``: run a question file and report the figures."""

from __future__ import annotations

import click

from ui.cli import friendly_errors, settings_from


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
