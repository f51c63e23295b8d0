"""``python -m bench.webpages`` on the shared web-page gold (read from ``<repo>/../shared``, never
copied here): it runs, and the development targets hold (title, authors and date 10/10, body
completeness ≥ 0.95). Skipped when the shared folder is absent."""

from __future__ import annotations

import pytest

from bench import webpages

GOLD = webpages.DEFAULT_GOLD
needs_gold = pytest.mark.skipif(
    not (GOLD / "briefing_gold.jsonl").is_file(),
    reason=f"the web-page gold is not at {GOLD} (../shared next to the repository)",
)


@needs_gold
def test_the_check_runs_on_one_page(capsys):
    assert webpages.main(["--page", "wired.com.burn.html"]) == 0
    out = capsys.readouterr().out
    assert "wired.com.burn.html: title OK" in out and out.strip().endswith(
        "body completeness 1.000"
    )


@needs_gold
def test_the_development_targets_hold():
    result = webpages.run(GOLD)
    misses = [
        (r["page"], r.get("title"), r.get("authors"), r.get("published"), r["missing"])
        for r in result["rows"]
        if not (r["title_ok"] and r["authors_ok"] and r["date_ok"])
    ]
    assert (result["title"], result["authors"], result["date"]) == (10, 10, 10), misses
    assert result["body_completeness"] >= 0.95


def test_the_docs_section_is_replaced_and_stays_last(tmp_path):
    page = tmp_path / "briefing.md"
    page.write_text("# Briefing\n\nOther text.\n\n## Web pages: metadata and body\n\nold figures\n")
    result = {
        "pages": 1,
        "title": 1,
        "authors": 1,
        "date": 0,
        "body_completeness": 0.5,
        "rows": [
            {
                "page": "p.html",
                "title_ok": True,
                "authors_ok": True,
                "date_ok": False,
                "paragraphs": 3,
                "outlet": "Quay Post",
                "found": 1,
                "expected": 2,
                "missing": ["person X"],
            }
        ],
    }
    webpages.write_docs(result, page)
    text = page.read_text()
    assert text.startswith("# Briefing\n\nOther text.\n\n## Web pages: metadata and body")
    assert "old figures" not in text and "| p.html | OK | OK | miss | Quay Post | 3 | 1/2 |" in text
