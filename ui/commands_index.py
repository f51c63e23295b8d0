"""``briefing index ...``: build, rebuild, status, show, add (files and URLs), remove."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from ui.cli_group import settings_from
from ui.progress import terminal_bar


@click.group("index")
def index_group() -> None:
    """Build and inspect the article index."""


def _report(summary) -> None:
    for line in summary.skipped:
        click.echo(f"warning: {line}", err=True)
    click.echo(summary.line())


@index_group.command("build")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def build_cmd(ctx, quiet) -> None:
    """Embed new and changed articles, drop removed ones (idempotent).

    Example: briefing index build
    """
    import index

    _report(index.build(settings_from(ctx), progress=terminal_bar(not quiet)))


@index_group.command("rebuild")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def rebuild_cmd(ctx, quiet) -> None:
    """Re-embed everything into a fresh collection; the old one serves until it is complete.

    Example: briefing index rebuild
    """
    import index

    _report(index.rebuild(settings_from(ctx), progress=terminal_bar(not quiet)))


@index_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def status_cmd(ctx, as_json) -> None:
    """Store location, model, and the indexed articles.

    Example: briefing index status --json
    """
    import index

    st = index.status(settings_from(ctx))
    if as_json:
        click.echo(json.dumps(asdict(st), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"store: {st.location}\nmodel: {st.model}\ncollection: {st.collection or '(none: run briefing index build)'}"
    )
    for a in st.articles:
        click.echo(
            f"{a.id}  {a.passages:>4} passages  {a.published or '?':10}  {a.title}  "
            f"({a.outlet or 'unknown outlet'}; {a.author or 'unknown author'}; {a.source})"
        )
    click.echo(f"{len(st.articles)} article(s)")


@index_group.command("show")
@click.argument("article_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def show_cmd(ctx, article_id, as_json) -> None:
    """An article's metadata and passages.

    Example: briefing index show 791dfc3005d51a12
    """
    import index

    info, passages = index.show(settings_from(ctx), article_id)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "article": asdict(info),
                    "passages": [
                        {"id": p.id, "paragraph": p.paragraph, "kind": p.kind, "text": p.text}
                        for p in passages
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    shown = (info.outlet, info.author, info.published, info.source)
    click.echo(f"{info.title}\n{' · '.join(x for x in shown if x)}\n")
    for p in passages:
        click.echo(f"[{p.id}] {p.text}\n")


@index_group.command("add")
@click.argument("sources", nargs=-1, required=True, metavar="FILE_OR_URL...")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.pass_context
def add_cmd(ctx, sources, quiet) -> None:
    """Add article files or web pages (http:// or https:// URLs) and index them.

    Files are copied into the articles folder; a page is fetched (15 s, 5 MB, HTML or text only;
    no private or local addresses unless BRIEFING_ALLOW_PRIVATE_URLS=1) and saved there under a
    name from its URL, which citations then show. Everything is checked first: one bad file or
    URL is one error line and nothing is added.

    Examples:
        briefing index add ~/Downloads/story.html
        briefing index add https://www.example.org/news/story.html
    """
    from index.storage.adding import add

    urls = [s for s in sources if s.lower().startswith(("http://", "https://"))]
    files = [Path(s) for s in sources if s not in urls]
    for f in files:
        if not f.is_file():
            raise ValueError(f"{f}: no such file (a web page needs its http:// or https:// URL)")
    _report(add(settings_from(ctx), files=files, urls=urls, progress=terminal_bar(not quiet)))


@index_group.command("remove")
@click.argument("article_id")
@click.pass_context
def remove_cmd(ctx, article_id) -> None:
    """Remove an article from the index (its file moves to <data dir>/removed/).

    Example: briefing index remove 791dfc3005d51a12
    """
    import index

    info = index.remove_article(settings_from(ctx), article_id)
    click.echo(f"removed {info.id} ({info.title}): {info.passages} passages")
