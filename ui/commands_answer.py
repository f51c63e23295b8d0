"""``briefing ask``."""

from __future__ import annotations

import json

import click

from ui.cli_group import settings_from
from ui.progress import terminal_bar


def format_answer(a) -> str:
    """The answer, then a numbered source list (title, paragraph, quote)."""
    lines = [a.text]
    if a.citations:
        lines.append("")
        lines.append("Sources:")
        for c in a.citations:
            where = "article details" if c.paragraph == 0 else f"paragraph {c.paragraph}"
            web = f" — {c.source}" if c.source.startswith(("http://", "https://")) else ""
            lines.append(f"[{c.n}] {c.title} — {where}{web}")
            lines.extend(f"    “{q}”" for q in c.quotes)
    if a.related:  # a refusal's closest passages: related reading, not sources of the text
        lines += ["", "Related reading (not an answer):"]
        for c in a.related:
            where = "article details" if c.paragraph == 0 else f"paragraph {c.paragraph}"
            lines.append(f"- {c.title} — {where}")
            lines.extend(f"    “{q}”" for q in c.quotes)
    return "\n".join(lines)


@click.command("ask")
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the Answer as one JSON object.")
@click.pass_context
def ask(ctx, question, as_json) -> None:
    """Answer QUESTION from the indexed articles, with numbered sources.

    The index is built from the articles folder on first use.

    Example: briefing ask "Which bridge did Russian bombers destroy?"
    """
    from bot.service import clean_question, default_bot
    from index import ensure_built

    settings = settings_from(ctx)
    clean_question(question)  # bad input fails before any model loads
    ensure_built(settings, progress=terminal_bar(not as_json))
    a = default_bot(settings).answer(question)
    click.echo(json.dumps(a.to_dict(), ensure_ascii=False) if as_json else format_answer(a))
