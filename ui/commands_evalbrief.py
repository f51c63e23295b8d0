"""``briefing eval-brief``: score ``briefing brief`` against gold briefings of real pages.

Builds a temporary index of ``--articles`` (the user's index is not touched), briefs each gold
article on its own and scores it with ``bot.evaluation.brief_score``.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import click

from ui.cli_group import settings_from


def run_eval_brief(gold_path, articles_dir, settings, embeddings=None) -> dict:
    """``{"articles": [per-article scores], "totals": {...}}`` for the gold file's articles."""
    import index
    from bot.evaluation.brief_score import read_gold, score_article, totals
    from bot.service import Bot
    from index.storage.embeddings import embeddings_for

    gold = read_gold(gold_path)  # bad lines fail here, before anything loads
    with tempfile.TemporaryDirectory(prefix="eval-brief-") as tmp:
        settings = settings.replace(
            data_dir=Path(tmp) / "data", articles_dir=Path(articles_dir), chroma_url=""
        )
        embeddings = embeddings or embeddings_for(settings)
        index.build(settings, embeddings)
        bot = Bot(settings, embeddings=embeddings)
        bot.warm_up()
        by_source = {}
        for p in bot.corpus.passages:
            by_source.setdefault(p.source, p.article_id)
        scores = []
        for line in gold:
            article_id = by_source.get(line["article"])
            if article_id is None:
                raise click.ClickException(f"{line['article']} is not among the indexed articles")
            scores.append(score_article(line, bot.brief([article_id])))
    return {"articles": scores, "totals": totals(scores)}


def _line(name: str, s: dict) -> str:
    if name == "timeline":
        return (
            f"timeline   precision {s['precision']} ({s['right']}/{s['entries']}), "
            f"wrong year {s['wrong_year_share']} ({s['wrong_year']}), "
            f"recall {s['recall']} ({s['found']}/{s['gold']})"
        )
    return (
        f"{name:<10} recall {s['recall']} ({s['found']}/{s['gold']}), "
        f"precision {s['precision']} ({s['right']}/{s['entries']})"
    )


@click.command("eval-brief")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--articles",
    "articles_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="Folder of the gold's article files.",
)
@click.option("--json", "as_json", is_flag=True, help="Print every article's figures as JSON.")
@click.option("--misses", is_flag=True, help="List missed and wrong names and dates per article.")
@click.pass_context
def eval_brief(ctx, gold, articles_dir, as_json, misses) -> None:
    """Score `briefing brief` against gold briefings: who's who and places recall/precision,
    timeline precision and wrong-year share, and each article's title, author and date.

    Builds a temporary index of the --articles folder; your own index is untouched.

    Example: briefing eval-brief ../shared/eval/webpages/briefing_gold.jsonl
    --articles ../shared/eval/webpages/pages
    """
    report = run_eval_brief(gold, articles_dir, settings_from(ctx))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for s in report["articles"]:
        meta = "".join("✓" if s[k] else "✗" for k in ("title_ok", "author_ok", "date_ok"))
        click.echo(
            f"{s['article']}: title/author/date {meta}; people "
            f"{s['people']['found']}/{s['people']['gold']}, places "
            f"{s['places']['found']}/{s['places']['gold']}, timeline "
            f"{s['timeline']['right']}/{s['timeline']['entries']}"
        )
        if misses:
            for section in ("people", "places"):
                click.echo(f"  {section} missed: {', '.join(s[section]['missed']) or '-'}")
                click.echo(f"  {section} wrong: {', '.join(s[section]['wrong']) or '-'}")
            click.echo(f"  timeline wrong: {'; '.join(s['timeline']['wrong']) or '-'}")
    t = report["totals"]
    for name in ("people", "places", "timeline"):
        click.echo(_line(name, t[name]))
    click.echo(f"title {t['title_ok']}, author {t['author_ok']}, date {t['date_ok']}")
