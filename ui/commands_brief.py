"""``briefing brief``: a briefing document (key points, who's who, timeline, places) in the
terminal, as Markdown or as JSON."""

from __future__ import annotations

import json
import textwrap

import click

from ui.cli import friendly_errors, settings_from

_SECTIONS = (("key_points", "KEY POINTS"), ("people", "WHO'S WHO"), ("timeline", "TIMELINE"),
             ("places", "PLACES"))


def _entry_line(entry, section: str) -> str:
    marks = "".join(f"[{n}]" for n in entry.citations)
    if section == "key_points":
        head = ""
    elif section == "timeline":
        resolved = entry.date or "year unknown"
        head = entry.label if resolved == entry.label else f"{entry.label} ({resolved})"
    else:
        head = entry.label + (f" (also {', '.join(entry.aliases)})" if entry.aliases else "")
    body = f"{head}: {entry.text} {marks}" if head else f"{entry.text} {marks}"
    return textwrap.fill(body, width=100, initial_indent="  • ", subsequent_indent="    ")


def format_briefing(b) -> str:
    """Plain text: sections of cited lines, then the numbered sources."""
    lines = [f"BRIEFING: {'; '.join(b.titles) or 'no articles'}", ""]
    for attr, heading in _SECTIONS:
        lines.append(heading)
        entries = getattr(b, attr)
        lines.extend(_entry_line(e, attr) for e in entries) if entries else lines.append("  (none found)")
        lines.append("")
    lines.append("SOURCES")
    for c in b.citations:
        where = "article details" if c.paragraph == 0 else f"paragraph {c.paragraph}"
        lines.append(f"[{c.n}] {c.title} — {where} (article {c.article_id})")
    return "\n".join(lines)


@click.command("brief")
@click.argument("article_ids", nargs=-1, metavar="[ARTICLE_ID]...")
@click.option("--json", "as_json", is_flag=True, help="Print the Briefing as one JSON object.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print the briefing as a Markdown document.")
@click.pass_context
@friendly_errors
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
    ensure_built(settings, progress=not (as_json or as_markdown))
    b = default_bot(settings).brief(list(article_ids) or None)
    if as_json:
        click.echo(json.dumps(b.to_dict(), ensure_ascii=False))
    elif as_markdown:
        click.echo(b.to_markdown())
    else:
        click.echo(format_briefing(b))
