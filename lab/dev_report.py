"""The dev-set section of docs/quality.md (from ``lab.dev_sets``), and storing a picked refusal
threshold into the answer model (its decision file and manifest)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PICK_FALSE_REFUSAL = 0.10
#: A refusal offers related reading when its confidence is at least this share of the threshold
#: (issue 21's middle outcome); the share of refusals that do is reported per dev set.
RELATED_SHARE = 0.5
MARK_START, MARK_END = "<!-- dev-sets:start -->", "<!-- dev-sets:end -->"

SYSTEM_ORDER = ("learned", "top-sentence", "rules", "textbook")


def _r(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def _ms(x) -> str:
    return "–" if x is None else f"{x:.0f}"


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def section(out: dict) -> str:
    t = out["threshold"]
    lines = [
        MARK_START,
        "## Dev sets: this answerer side by side (`python -m lab.dev_sets`)",
        "",
        f"Code at `{_commit()}`; one run, same indexes and questions for every system. "
        f"learned = answer encoder + learned decision at its threshold {t:.3f}; top sentence = "
        "same retrieval, nearest sentence by the packaged MiniLM, never refuses; rules = the "
        "hand-tuned answerer this one replaced (run from its commit); textbook = LangChain's "
        "textbook RAG (top chunk of k=4, no refusal).",
        "",
        "| dev set | system | accuracy | citation | first citation | rejection | false refusal | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, res in out["results"].items():
        for system, f in res.items():
            if system.startswith("_"):
                continue
            lines.append(
                f"| {name} | {system} | {_r(f['accuracy'])} | {_r(f['citation'])} | "
                f"{_r(f['first_citation'])} | {_r(f['rejection'])} | {_r(f['false_refusal'])} | "
                f"{_ms(f['p50_ms'])} | {_ms(f['p95_ms'])} |"
            )
    related = [
        f"{name} {_r(res['learned'].get('related'))}"
        for name, res in out["results"].items()
        if "learned" in res
    ]
    if related:
        lines += [
            "",
            "Share of the learned answerer's refusals that offer related reading (confidence at "
            f"least {RELATED_SHARE:.0%} of the threshold: \"The articles don't say this "
            'directly" and the closest passages; below it, the plain refusal): '
            + ", ".join(related)
            + ".",
        ]
    if out["curves"]:
        names = list(out["curves"])
        lines += [
            "",
            "### Refusal curve of the learned decision",
            "",
            "Each cell: accuracy / false refusal / rejection when refusing below the threshold. "
            f"Picked: the highest threshold at which no dev set but the seed refuses more than "
            f"{PICK_FALSE_REFUSAL:.0%} of its answerable questions → **{out['picked']}** "
            f"(the model holds {t:.3f}).",
            "",
            "| threshold | " + " | ".join(names) + " |",
            "|---|" + "---|" * len(names),
        ]
        grid = [row[0] for row in out["curves"][names[0]]]
        for i, th in enumerate(grid):
            shown = round(th * 1000) % (10 if th < 0.2 else 50) == 0
            if not shown and abs(th - (out["picked"] or 0)) > 1e-9:
                continue  # every 0.01 below 0.2, every 0.05 above, and always the picked one
            cells = [
                f"{_r(c[i][1])} / {_r(c[i][2])} / {_r(c[i][3])}" for c in out["curves"].values()
            ]
            lines.append(f"| {th:.3f} | " + " | ".join(cells) + " |")
    for name, res in out["results"].items():
        rows = res.get("_results")
        if not rows:
            continue
        misses = [
            r for r in rows if (r[2] and not (r[3] and r[4] >= t)) or (not r[2] and r[4] >= t)
        ]
        lines += [
            "",
            f"### Misses of the learned answerer on {name} ({len(misses)} of {len(rows)})",
            "",
        ]
        for qid, question, answerable, _ok, conf, text in misses[:40]:
            what = (
                ("refused" if conf < t else "wrong sentence")
                if answerable
                else "answered unanswerable"
            )
            shown = text if len(text) <= 160 else text[:160] + "…"
            lines.append(f"- `{qid}` ({what}, p={conf:.2f}) {question} → {shown}")
        if len(misses) > 40:
            lines.append(f"- … and {len(misses) - 40} more.")
    lines.append(MARK_END)
    return "\n".join(lines) + "\n"


def write(out: dict, path: Path) -> None:
    """Replace the dev-set section of ``path`` (or add it at the top), keeping the rest."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Answer quality\n\n"
    new = section(out)
    if MARK_START in old and MARK_END in old:
        head, rest = old.split(MARK_START, 1)
        tail = rest.split(MARK_END, 1)[1].lstrip("\n")
        text = head + new + "\n" + tail
    else:
        first, _, rest = old.partition("\n")
        text = f"{first}\n\n{new}\n{rest.lstrip()}"
    path.write_text(text, encoding="utf-8")


def apply_threshold(
    threshold: float,
    out: Path,
    source: Path | None = None,
    follow_ratio: float | None = None,
) -> Path:
    """Write a new answer model at ``out``: a copy of ``source`` (default: the packaged one) with
    ``threshold`` (and ``follow_ratio``, and the related-reading floor at ``RELATED_SHARE`` of it)
    and its own manifest. The source, and the packaged model, are never written: a measuring tool
    does not edit the product (shipping the new folder is a deliberate copy and commit)."""
    from bot.answering.learned import model

    source = (source or model.WEIGHTS).resolve()
    out = out.resolve()
    if out == source or out.is_relative_to(model.WEIGHTS.resolve()):
        raise ValueError(f"{out}: a new model folder, never the source or the packaged model")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    shutil.copytree(source, out, dirs_exist_ok=True)
    decision = json.loads((out / model.DECISION_FILE).read_text(encoding="utf-8"))
    decision["threshold"] = threshold
    decision["related_floor"] = round(RELATED_SHARE * threshold, 4)
    if follow_ratio is not None:
        decision["follow_ratio"] = follow_ratio
    (out / model.DECISION_FILE).write_text(json.dumps(decision, indent=1) + "\n", encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][model.DECISION_FILE] = model.sha256(out / model.DECISION_FILE)
    manifest["threshold"] = {
        "value": threshold,
        "picked by": "python -m lab.dev_sets --apply-threshold DIR",
        "rule": f"highest threshold with false refusal <= {PICK_FALSE_REFUSAL} "
        "on every dev set but the seed (realtimeqa2026_dev, squad2_dev, realtimeqa2023_dev)",
        "related_floor": decision["related_floor"],
        "follow_ratio": decision["follow_ratio"],
        # which model it was made from, by content (no machine path in a manifest)
        "from manifest sha256": model.sha256(source / "manifest.json"),
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return out


def with_threshold(report, rows, t: float) -> dict:
    """The learned system's figures at threshold ``t`` from a run made at threshold 0."""
    ans = [r for r in rows if r[0]]
    una = [r for r in rows if not r[0]]
    ok = [res for res in report.results if res.answerable]
    cited = [
        res.citation_hit for res, r in zip(ok, ans) if res.citation_hit is not None and r[2] >= t
    ]
    first = [
        res.first_citation_hit
        for res, r in zip(ok, ans)
        if res.first_citation_hit is not None and r[2] >= t
    ]
    evid = [res for res in ok if res.citation_hit is not None]
    refused = [s for _, _, s in rows if s < t]
    return {
        "related": sum(s >= RELATED_SHARE * t for s in refused) / len(refused) if refused else None,
        "accuracy": sum(c and s >= t for _, c, s in ans) / max(1, len(ans)),
        "citation": sum(cited) / len(evid) if evid else None,
        "first_citation": sum(first) / len(evid) if evid else None,
        "rejection": sum(s < t for _, _, s in una) / len(una) if una else None,
        "false_refusal": sum(s < t for _, _, s in ans) / max(1, len(ans)),
        "p50_ms": report.p50_ms,
        "p95_ms": report.p95_ms,
    }
