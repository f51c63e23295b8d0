"""Bad article files: one warning line each, the rest of the build succeeds, nothing is indexed
twice — including a 10 MB file and files that change or vanish while a build runs."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import index
from index.storage.store import Store
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings
from tests.index.pages.test_articles import GOOD_BODY, _write_bad_files
from ui.cli import cli
from ui.settings import Settings

BUILD = importlib.import_module("index.storage.build")
ARTICLES = importlib.import_module("index.pages.articles")

GOOD = ["ferry_order.md", "lakeside_marathon.html", "riverside_bridge.txt"]


@pytest.fixture
def settings(tmp_path) -> Settings:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    return Settings(data_dir=tmp_path / "data", articles_dir=folder)


def write_huge(folder: Path) -> Path:
    """A 10 MB text file of plausible prose: not an article, and minutes of embedding if taken."""
    path = folder / "huge_dump.txt"
    paragraph = (
        "The council met again on Tuesday to discuss the harbour budget, and the "
        "members agreed to publish the figures next month. "
    ) * 6
    with open(path, "w", encoding="utf-8") as f:
        while f.tell() < 10_000_000:
            f.write(paragraph + "\n\n")
    return path


def assert_indexed_once(settings: Settings) -> dict[str, str]:
    """Every article has exactly one metadata passage, one source file and distinct text."""
    store = Store(settings)
    rows = store.articles()
    passages = store.passages()
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["source"] for r in rows}) == len(rows)
    assert {p.article_id for p in passages} == {r["id"] for r in rows}
    bodies = [p.text for p in passages if p.kind != "meta"]
    assert len(bodies) == len(set(bodies)), "the same paragraph is indexed twice"
    return {r["source"]: r["id"] for r in rows}


def test_every_bad_file_is_one_warning_line_and_the_build_succeeds(settings, monkeypatch):
    folder = settings.articles_dir
    reasons = _write_bad_files(folder)
    reasons.pop("locked.txt")  # needs a monkeypatch (root ignores chmod); test_articles covers it
    (folder / "locked.txt").unlink()
    write_huge(folder)
    reasons["huge_dump.txt"] = "larger than"
    shutil.copy(folder / "ferry_order.md", folder / "ferry_order_copy.md")
    reasons["ferry_order_copy.md"] = "same article as ferry_order.md"
    monkeypatch.setattr(BUILD, "default_embeddings", lambda s: HashingEmbeddings())
    result = CliRunner().invoke(
        cli,
        [
            "--data-dir",
            str(settings.data_dir),
            "--articles-dir",
            str(folder),
            "index",
            "build",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    warnings = result.stderr.strip().splitlines()
    assert len(warnings) == len(reasons)
    for name, reason in reasons.items():
        (line,) = [w for w in warnings if w.startswith(f"warning: skipped {name}:")]
        assert reason in line
    assert result.stdout.startswith("added 3,")
    assert sorted(assert_indexed_once(settings)) == GOOD


def test_a_10mb_file_is_refused_before_it_is_read(settings, monkeypatch):
    huge = write_huge(settings.articles_dir)
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    summary = index.build(settings, HashingEmbeddings())
    assert "huge_dump.txt" not in read
    assert summary.added == 3 and any(
        line.startswith("skipped huge_dump.txt: ") for line in summary.skipped
    )
    with pytest.raises(index.ArticleError, match="larger than"):
        index.add_files(settings, [huge], HashingEmbeddings())


@pytest.mark.parametrize("names", [("a_first_copy.txt",), ("zz_copy.txt", "copy.md")])
def test_the_same_article_under_other_names_is_indexed_once(settings, tmp_path, names):
    emb = HashingEmbeddings()
    index.build(settings, emb)
    before = Store(settings).count()
    for name in names:  # through `add` too: a copy under a new name adds nothing
        copy = tmp_path / name
        shutil.copy(settings.articles_dir / "riverside_bridge.txt", copy)
        index.add_files(settings, [copy], emb)
    index.build(settings, emb)
    index.rebuild(settings, emb)
    assert Store(settings).count() == before
    assert len(assert_indexed_once(settings)) == 3


class _Meddling(HashingEmbeddings):
    """Changes the articles folder the first time it embeds, i.e. in the middle of a build."""

    def __init__(self, meddle) -> None:
        super().__init__()
        self.meddle = meddle

    def embed_documents(self, texts):
        if self.meddle:
            self.meddle, meddle = None, self.meddle
            meddle()
        return super().embed_documents(texts)


def _change_and_delete(folder: Path):
    def meddle():
        bridge = folder / "riverside_bridge.txt"
        bridge.write_text(bridge.read_text().replace("420 metres", "450 metres"))
        (folder / "ferry_order.md").unlink()

    return meddle


@pytest.mark.parametrize("operation", [index.build, index.rebuild])
def test_files_changing_during_a_build_are_picked_up_by_the_next_one(settings, operation):
    first = operation(settings, _Meddling(_change_and_delete(settings.articles_dir)))
    assert first.added == 3  # what was read at the start, consistently
    before = assert_indexed_once(settings)
    second = index.build(settings, HashingEmbeddings())
    assert (second.updated, second.removed, second.unchanged) == (1, 1, 1)
    after = assert_indexed_once(settings)
    assert sorted(after) == ["lakeside_marathon.html", "riverside_bridge.txt"]
    assert after["riverside_bridge.txt"] != before["riverside_bridge.txt"]
    texts = " ".join(p.text for p in Store(settings).passages())
    assert "450 metres" in texts and "420 metres" not in texts


def test_a_file_that_vanishes_between_listing_and_reading_is_one_warning(settings, monkeypatch):
    real = ARTICLES.iter_article_files

    def listing_then_delete(folder):
        for path in list(real(folder)):
            if path.name == "ferry_order.md":
                path.unlink()  # another program removed it after the folder was listed
            yield path

    monkeypatch.setattr(ARTICLES, "iter_article_files", listing_then_delete)
    summary = index.build(settings, HashingEmbeddings())
    assert summary.added == 2
    assert summary.skipped == ("skipped ferry_order.md: unreadable (No such file or directory)",)


def test_a_half_written_file_is_skipped_or_indexed_then_completed(settings):
    """A file caught mid-copy (cut inside a UTF-8 character, or mid-paragraph) is at worst a warning
    now and the full article at the next build, never two versions."""
    full = ("Ærø ferry timetable changes — " + GOOD_BODY).encode("utf-8")
    partial = settings.articles_dir / "copying.txt"
    partial.write_bytes(full[: full.index("ø".encode()) + 1])  # cut inside "ø"
    first = index.build(settings, HashingEmbeddings())
    assert first.added == 3 and any("copying.txt: not UTF-8" in s for s in first.skipped)
    partial.write_bytes(full[: len(full) * 2 // 3])
    index.build(settings, HashingEmbeddings())
    partial.write_bytes(full)
    index.build(settings, HashingEmbeddings())
    rows = assert_indexed_once(settings)
    assert len(rows) == 4 and "copying.txt" in rows
