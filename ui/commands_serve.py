"""``briefing serve``: the web chat."""

from __future__ import annotations

import click

from ui.cli import friendly_errors, settings_from


@click.command("serve")
@click.option("--host", help="Bind address (default 127.0.0.1) [BRIEFING_HOST].")
@click.option("--port", type=int, help="Port (default 7860) [BRIEFING_PORT].")
@click.pass_context
@friendly_errors
def serve(ctx, host, port) -> None:
    """Start the web chat; builds the index from the articles folder on first run.

    Example: briefing serve --port 7860
    """
    raise click.ClickException("not implemented yet")
