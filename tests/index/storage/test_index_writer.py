"""The order passages are embedded and written in: length-sorted for speed, but an article's
metadata passage never before its body (it marks the article as indexed)."""

from __future__ import annotations

import importlib

import pytest

from index.pages.articles import load_article
from index.storage.passages import Passage
from index.storage.writer import embed_into, embedding_order
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings


def _passages() -> list[Passage]:
    build = importlib.import_module("index.storage.build")
    out = []
    for path in sorted(CORPUS.iterdir()):
        out += build._passages_for(load_article(path), HashingEmbeddings())
    return out


def _check(ordered: list[Passage], original: list[Passage]) -> None:
    assert sorted(p.id for p in ordered) == sorted(p.id for p in original)
    for article in {p.article_id for p in original}:
        positions = [i for i, p in enumerate(ordered) if p.article_id == article]
        meta = [i for i in positions if ordered[i].kind == "meta"]
        assert meta and meta[0] == max(positions)  # body first, then its metadata passage


def test_one_window_sorts_bodies_by_length_then_metadata():
    passages = _passages()
    ordered = embedding_order(passages)
    _check(ordered, passages)
    bodies = [p for p in ordered if p.kind != "meta"]
    assert [len(p.text) for p in bodies] == sorted(len(p.text) for p in bodies)
    assert all(p.kind == "meta" for p in ordered[len(bodies) :])


def test_small_windows_end_at_article_boundaries():
    passages = _passages()
    for window in (1, 3, 7):
        _check(embedding_order(passages, window=window), passages)
    # windows smaller than an article hold exactly one article each: its passages stay together
    seen: list[str] = []
    for p in embedding_order(passages, window=1):
        if not seen or seen[-1] != p.article_id:
            seen.append(p.article_id)
    assert len(seen) == len(set(seen)) == len({p.article_id for p in passages})


def test_writes_follow_the_embedding_order_in_batches():
    class Recorder:
        def __init__(self):
            self.writes = []

        def write(self, batch, vectors, collection):
            assert len(batch) == len(vectors) and collection == "c"
            self.writes.append([p.id for p in batch])

    writer = importlib.import_module("index.storage.writer")
    passages = _passages()
    store = Recorder()
    reported: list[tuple[int, int]] = []
    old, writer.BATCH = writer.BATCH, 5
    try:
        embed_into(store, "c", HashingEmbeddings(), passages, lambda *done: reported.append(done))
    finally:
        writer.BATCH = old
    assert [i for w in store.writes for i in w] == [p.id for p in embedding_order(passages)]
    assert all(len(w) <= 5 for w in store.writes)
    # progress after each written batch, ending at the whole
    written = [sum(len(w) for w in store.writes[: k + 1]) for k in range(len(store.writes))]
    assert reported == [(n, len(passages)) for n in written]


@pytest.mark.parametrize(
    ("steps", "total", "lines"),
    [
        ((1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 10, 10),  # a line per tenth
        ((1, 2, 3, 40), 40, 2),  # 1/40 to 3/40 are the first tenth; 40/40 always shown
        ((64, 128, 130), 130, 3),
    ],
)
def test_the_terminal_bar_writes_a_line_per_tenth_to_a_pipe(steps, total, lines):
    import io

    from ui.progress import TerminalBar

    out = io.StringIO()  # not a terminal: no carriage returns, whole lines
    bar = TerminalBar("embedding", stream=out)
    for done in steps:
        bar(done, total)
    shown = out.getvalue().splitlines()
    assert len(shown) == lines and "\r" not in out.getvalue()
    assert shown[-1].startswith(f"embedding: {total}/{total} passages (100%")


def test_a_failed_write_stops_the_build():
    class Broken:
        def write(self, batch, vectors, collection):
            raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        embed_into(Broken(), None, HashingEmbeddings(), _passages())
