"""The briefing's parts on public benchmarks nobody here wrote, each beside a plain library run
in the same process on the same documents, and on the 10 dev pages.

Usage:
    .venv/bin/python -m bench.components [--eval DIR] [--only body,names,dates,webpages] [--write-docs]

``DIR`` defaults to ``../shared/eval`` next to the repository. Parts:

- body: ``aeb_dev`` (``bench.components_body``), against ``trafilatura.extract`` alone;
- names: ``conll_names_dev`` (``bench.components_names``), against spaCy's entities alone;
- dates: ``timebank_dates_dev`` (``bench.components_dates``), against ``dateparser.search_dates``;
- webpages: ``webpages/`` through ``briefing eval-brief`` (who's who, places, timeline).

``--write-docs`` replaces the text between the markers in ``docs/briefing.md`` (all parts run).
"""

from __future__ import annotations

import argparse
import importlib
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = REPO.parent / "shared" / "eval"
DOCS = REPO / "docs" / "briefing.md"
START, END = "<!-- components:start -->", "<!-- components:end -->"
PARTS = {
    "body": "bench.components_body",
    "names": "bench.components_names",
    "dates": "bench.components_dates",
    "webpages": "bench.components",
}


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def measure(eval_root: Path) -> str:
    """The webpages section: ``briefing eval-brief`` on the 10 dev pages (no baseline exists)."""
    from ui.commands_evalbrief import run_eval_brief
    from ui.settings import Settings

    folder = eval_root / "webpages"
    report = run_eval_brief(folder / "briefing_gold.jsonl", folder / "pages", Settings.from_env())
    t = report["totals"]
    who, places, line = t["people"], t["places"], t["timeline"]
    return "\n".join(
        [
            "### Dev pages: `webpages/` (10 pages, `briefing eval-brief`)",
            "",
            "| figure | this project | target |",
            "|---|---|---|",
            f"| who's who recall / precision | {who['recall']} / {who['precision']} "
            f"({who['found']}/{who['gold']}, {who['right']}/{who['entries']}) | — / ≥ 0.85 |",
            f"| places recall / precision | {places['recall']} / {places['precision']} "
            f"({places['found']}/{places['gold']}, {places['right']}/{places['entries']}) "
            "| — / ≥ 0.85 |",
            f"| timeline precision | {line['precision']} ({line['right']}/{line['entries']}) "
            "| ≥ 0.85 |",
            f"| timeline entries in a wrong year | {_pct(line['wrong_year_share'])} "
            f"({line['wrong_year']}) | ≤ 5 % |",
            f"| timeline recall (not a target) | {line['recall']} ({line['found']}/{line['gold']}) "
            "| |",
            f"| title / author / date right | {t['title_ok']}, {t['author_ok']}, {t['date_ok']} "
            "| |",
        ]
    )


def run(eval_root: Path, parts: list[str]) -> str:
    sections = []
    for part in parts:
        start = time.perf_counter()
        section = importlib.import_module(PARTS[part]).measure(eval_root)
        print(section, f"\n\n({part}: {time.perf_counter() - start:.0f} s)\n", flush=True)
        sections.append(section)
    return "\n\n".join(sections)


def write_docs(body: str, path: Path = DOCS) -> None:
    """Put ``body`` between the markers (added before the web pages section when missing)."""
    text = path.read_text(encoding="utf-8")
    block = f"{START}\n{body}\n{END}"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        anchor = "## Web pages: metadata and body"
        head, sep, tail = text.partition(anchor)
        text = f"{head}{block}\n\n{sep}{tail}" if sep else f"{text.rstrip()}\n\n{block}\n"
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.components", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the eval/ folder")
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts")
    parser.add_argument("--write-docs", action="store_true", help="update docs/briefing.md")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s): {', '.join(unknown)} (known: {', '.join(PARTS)})")
    if args.write_docs and parts != list(PARTS):
        parser.error("--write-docs needs every part in one run")
    body = run(args.eval, parts)
    if args.write_docs:
        write_docs(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
