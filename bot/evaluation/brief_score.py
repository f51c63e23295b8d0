"""Scoring a briefing against a gold briefing (the format of ``../shared/eval/webpages``).

One gold line per article: ``title``, ``authors``, ``published``, ``people`` and
``organisations`` (who's who), ``places``, ``dated_events`` (``date`` at the text's precision,
``evidence``: a verbatim snippet of the sentence giving the date). Matching, per the gold's README:

- a name entry matches a gold item when any of the entry's label and aliases and any of the item's
  name and aliases contain one another as whole words, case-insensitively ("Fauci" ↔ "Anthony
  Fauci", "the Bronx" ↔ "Bronx");
- a timeline entry is right when its sentence holds a gold event's evidence (most of it, see
  ``_holds``) and its resolved
  date agrees with that event's date at the coarser of the two precisions; it is in a wrong
  year when its year is no gold event's year (unresolved entries count as not right, not as
  wrong-year).

Example:
    >>> s = score_article(gold_line, briefing)   # briefing of that one article
    >>> totals([s, ...])["people"]["recall"]
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path


def _norm(text: str) -> str:
    text = str(text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.lower().split())


def _contains_words(big: str, small: str) -> bool:
    big, small = _norm(big), _norm(small)
    if not small:
        return False
    return re.search(rf"(?<!\w){re.escape(small)}(?!\w)", big) is not None


def names_match(forms: list[str], gold_forms: list[str]) -> bool:
    """Whole-word containment either way between any two forms, case-insensitive."""
    return any(_contains_words(a, b) or _contains_words(b, a) for a in forms for b in gold_forms)


def _forms(entry) -> list[str]:
    return [entry.label, *entry.aliases]


def _gold_forms(item: dict) -> list[str]:
    return [item["name"], *item.get("aliases", [])]


def _match_names(entries, gold_items) -> dict:
    entry_ok = [any(names_match(_forms(e), _gold_forms(g)) for g in gold_items) for e in entries]
    gold_ok = [any(names_match(_forms(e), _gold_forms(g)) for e in entries) for g in gold_items]
    return {
        "found": sum(gold_ok),
        "gold": len(gold_items),
        "right": sum(entry_ok),
        "entries": len(entries),
        "missed": [g["name"] for g, ok in zip(gold_items, gold_ok) if not ok],
        "wrong": [e.label for e, ok in zip(entries, entry_ok) if not ok],
    }


def _dates_agree(resolved: str, gold: str) -> bool:
    n = min(len(resolved), len(gold))
    return bool(resolved) and resolved[:n] == gold[:n]


def _holds(text: str, evidence: str) -> bool:
    """The sentence holds the evidence, or most of it: a gold snippet may run across a
    sentence split ("5:30 a.m. on Dec. 19"), so 60 % of it (at least 25 characters) in one
    piece counts."""
    if evidence in text:
        return True
    match = SequenceMatcher(None, text, evidence, autojunk=False).find_longest_match()
    return match.size >= max(25, 0.6 * len(evidence))


def _match_timeline(entries, events) -> dict:
    years = {e["date"][:4] for e in events}
    right, wrong_year, wrong, found = 0, 0, [], set()
    for entry in entries:
        text = _norm(entry.text)
        hits = [
            k
            for k, ev in enumerate(events)
            if _holds(text, _norm(ev["evidence"])) and _dates_agree(entry.date, ev["date"])
        ]
        if hits:
            right += 1
            found.update(hits)
        else:
            wrong.append(f"{entry.label} ({entry.date or 'unresolved'})")
        if entry.date and entry.date[:4] not in years:
            wrong_year += 1
    return {
        "right": right,
        "entries": len(entries),
        "wrong_year": wrong_year,
        "found": len(found),
        "gold": len(events),
        "wrong": wrong,
    }


def score_article(gold: dict, briefing) -> dict:
    """Figures for one article's briefing against its gold line."""
    cites = briefing.citations
    author = next((c.author for c in cites if c.author), "")
    published = next((c.published for c in cites if c.published), "")
    title = briefing.titles[0] if briefing.titles else ""
    gold_authors = [_norm(a) for a in gold.get("authors", [])]
    return {
        "article": gold["article"],
        "people": _match_names(
            briefing.people, gold.get("people", []) + gold.get("organisations", [])
        ),
        "places": _match_names(briefing.places, gold.get("places", [])),
        "timeline": _match_timeline(briefing.timeline, gold.get("dated_events", [])),
        "title_ok": _norm(title) == _norm(gold.get("title", "")),
        "author_ok": (
            all(a in _norm(author) for a in gold_authors) if gold_authors else not author
        ),
        "date_ok": (published or None) == gold.get("published"),
        "title": title,
        "author": author,
        "published": published,
    }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def totals(scores: list[dict]) -> dict:
    """Micro-averaged figures over articles."""
    out = {}
    for section in ("people", "places"):
        s = {k: sum(x[section][k] for x in scores) for k in ("found", "gold", "right", "entries")}
        out[section] = {
            "recall": _ratio(s["found"], s["gold"]),
            "precision": _ratio(s["right"], s["entries"]),
            **s,
        }
    t = {
        k: sum(x["timeline"][k] for x in scores)
        for k in ("right", "entries", "wrong_year", "found", "gold")
    }
    out["timeline"] = {
        "precision": _ratio(t["right"], t["entries"]),
        "wrong_year_share": _ratio(t["wrong_year"], t["entries"]),
        "recall": _ratio(t["found"], t["gold"]),
        **t,
    }
    for key in ("title_ok", "author_ok", "date_ok"):
        out[key] = f"{sum(x[key] for x in scores)}/{len(scores)}"
    return out


def read_gold(path: str | Path) -> list[dict]:
    """Gold lines of a JSONL file; ``ValueError`` naming the line that isn't a gold briefing."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{n}: not JSON ({e.msg})") from None
        if not isinstance(item, dict) or "article" not in item:
            raise ValueError(f'{path}:{n}: a gold briefing needs an "article" (its file name)')
        out.append(item)
    return out
