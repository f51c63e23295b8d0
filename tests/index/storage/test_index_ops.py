"""build / rebuild / add / remove / status / show on a tmp_path store with fake embeddings."""

from __future__ import annotations

import importlib
import shutil

import pytest

import index
from index.pages.articles import load_article
from index.storage.build import writer_lock
from index.storage.passages import article_passages
from index.storage.store import Store, StoreError
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings
from ui.settings import Settings

WRITER = importlib.import_module("index.storage.writer")


class CountingEmbeddings(HashingEmbeddings):
    """Records what was embedded; can fail after a number of documents (an interrupted run)."""

    def __init__(self, fail_after: int | None = None) -> None:
        super().__init__()
        self.embedded: list[str] = []
        self.fail_after = fail_after

    def embed_documents(self, texts):
        if self.fail_after is not None and len(self.embedded) + len(texts) > self.fail_after:
            raise RuntimeError("embedding died")
        self.embedded.extend(texts)
        return super().embed_documents(texts)


@pytest.fixture
def settings(tmp_path) -> Settings:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    return Settings(data_dir=tmp_path / "data", articles_dir=folder)


def _ids(settings) -> list[str]:
    return [p.id for p in Store(settings).passages()]


def _by_source(settings) -> dict[str, str]:
    return {row["source"]: row["id"] for row in Store(settings).articles()}


def test_first_build_indexes_every_paragraph_with_stable_ids(settings):
    summary = index.build(settings, HashingEmbeddings())
    assert (summary.added, summary.passages, summary.total_passages) == (
        3,
        15,
        15,
    )  # 3 × (meta + 4)
    bridge = load_article(settings.articles_dir / "riverside_bridge.txt")
    passages = Store(settings).passages(bridge.id)
    assert [p.id for p in passages] == [f"{bridge.id}:{n}" for n in range(5)]
    assert passages[0].kind == "meta" and "Tom Hallett" in passages[0].text
    assert passages[1].text == bridge.paragraphs[0]


def test_second_build_changes_nothing(settings):
    index.build(settings, HashingEmbeddings())
    first = _ids(settings)
    revision = Store(settings).live().revision
    again = CountingEmbeddings()
    summary = index.build(settings, again)
    assert (
        summary.added,
        summary.updated,
        summary.removed,
        summary.unchanged,
        summary.passages,
    ) == (0, 0, 0, 3, 0)
    assert again.embedded == [] and _ids(settings) == first
    assert Store(settings).live().revision == revision


def test_new_file_is_the_only_one_embedded(settings, tmp_path):
    index.build(settings, HashingEmbeddings())
    (settings.articles_dir / "pier.txt").write_text(
        "\n\n".join(
            f"Paragraph {n}: the new pier at Dunmore opens on 3 May with room for {n} boats."
            for n in range(3)
        )
    )
    counting = CountingEmbeddings()
    summary = index.build(settings, counting)
    assert (summary.added, summary.unchanged, summary.passages, summary.total_passages) == (
        1,
        3,
        4,
        19,
    )
    assert len(counting.embedded) == 4 and all(
        "Dunmore" in t or "pier.txt" in t for t in counting.embedded
    )


def test_changed_file_is_updated_and_its_old_passages_are_gone(settings):
    index.build(settings, HashingEmbeddings())
    old_id = _by_source(settings)["riverside_bridge.txt"]
    path = settings.articles_dir / "riverside_bridge.txt"
    path.write_text(path.read_text().replace("420 metres", "430 metres"))
    summary = index.build(settings, HashingEmbeddings())
    assert (summary.added, summary.updated, summary.removed, summary.unchanged) == (0, 1, 0, 2)
    new_id = _by_source(settings)["riverside_bridge.txt"]
    assert new_id != old_id and Store(settings).passages(old_id) == []
    texts = [p.text for p in Store(settings).passages(new_id)]
    assert any("430 metres" in t for t in texts) and not any("420 metres" in t for t in texts)
    assert Store(settings).count() == 15


def test_deleted_file_is_removed_from_the_index(settings):
    index.build(settings, HashingEmbeddings())
    gone = _by_source(settings)["ferry_order.md"]
    (settings.articles_dir / "ferry_order.md").unlink()
    summary = index.build(settings, HashingEmbeddings())
    assert (summary.removed, summary.unchanged, summary.total_passages) == (1, 2, 10)
    assert Store(settings).passages(gone) == []


def test_rebuild_keeps_ids_and_swaps_collections(settings):
    index.build(settings, HashingEmbeddings())
    first, live = _ids(settings), Store(settings).live()
    summary = index.rebuild(settings, HashingEmbeddings())
    assert (summary.passages, summary.unchanged) == (15, 3)
    after = Store(settings)
    assert _ids(settings) == first and after.live().collection != live.collection
    names = {getattr(c, "name", c) for c in after.client.list_collections()}
    assert names == {after.live().collection, "briefing-registry"}


def test_failed_rebuild_leaves_the_old_index_serving_and_complete(settings, monkeypatch):
    index.build(settings, HashingEmbeddings())
    before, live = _ids(settings), Store(settings).live()
    (settings.articles_dir / "ferry_order.md").unlink()
    monkeypatch.setattr(WRITER, "BATCH", 4)  # several batches, so it dies midway
    with pytest.raises(RuntimeError, match="embedding died"):
        index.rebuild(settings, CountingEmbeddings(fail_after=9))
    store = Store(settings)
    assert store.live() == live and _ids(settings) == before and store.count() == 15
    hits = store.vectorstore(HashingEmbeddings()).similarity_search(
        "Who opened the Riverside Bridge?", k=1
    )
    assert "Lena Ortiz" in hits[0].page_content
    names = {getattr(c, "name", c) for c in store.client.list_collections()}
    assert names == {live.collection, "briefing-registry"}  # the partial collection was dropped


def test_interrupted_incremental_build_is_completed_by_the_next_one(settings):
    index.build(settings, HashingEmbeddings())
    long_text = "\n\n".join(
        f"Paragraph {n}: the new pier at Dunmore opens on 3 May with room for {n} boats."
        for n in range(100)
    )
    (settings.articles_dir / "pier.txt").write_text(long_text)
    with pytest.raises(RuntimeError):
        index.build(settings, CountingEmbeddings(fail_after=70))  # one batch of 64 got in
    assert "pier.txt" not in _by_source(settings)  # no metadata passage: not counted as indexed
    summary = index.build(settings, HashingEmbeddings())
    assert summary.added == 1 and Store(settings).count() == 15 + 101


def test_writer_lock_refuses_a_second_writer(settings):
    with writer_lock(settings):
        with pytest.raises(StoreError, match="another index build is running"):
            index.build(settings, HashingEmbeddings())
        with pytest.raises(StoreError, match="another index build is running"):
            index.remove_article(settings, "whatever")
    assert index.build(settings, HashingEmbeddings()).added == 3  # released afterwards


def test_add_files_copies_and_indexes(settings, tmp_path):
    index.build(settings, HashingEmbeddings())
    outside = tmp_path / "inbox" / "riverside_bridge.txt"  # same name as an existing file
    outside.parent.mkdir()
    outside.write_text(
        "\n\n".join(
            f"Story {n} about the Lakeport ferry strike, which ended on Friday after eleven days."
            for n in range(3)
        )
    )
    summary = index.add_files(settings, [outside], HashingEmbeddings())
    assert summary.added == 1 and (settings.articles_dir / "riverside_bridge-2.txt").is_file()
    assert "riverside_bridge-2.txt" in _by_source(settings)


def test_add_files_refuses_a_bad_file_and_copies_nothing(settings, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    with pytest.raises(index.ArticleError, match="empty.txt: empty file"):
        index.add_files(settings, [bad], HashingEmbeddings())
    assert not (settings.articles_dir / "empty.txt").exists()


def test_remove_article_drops_passages_and_moves_the_file(settings):
    index.build(settings, HashingEmbeddings())
    aid = _by_source(settings)["lakeside_marathon.html"]
    info = index.remove_article(settings, aid)
    assert (info.source, info.passages) == ("lakeside_marathon.html", 5)
    assert Store(settings).passages(aid) == [] and Store(settings).count() == 10
    assert not (settings.articles_dir / "lakeside_marathon.html").exists()
    assert [
        p.name.endswith("lakeside_marathon.html") for p in (settings.data_dir / "removed").iterdir()
    ] == [True]
    assert index.build(settings, HashingEmbeddings()).passages == 0  # stays removed
    with pytest.raises(KeyError):
        index.remove_article(settings, aid)


def test_status_and_show(settings):
    empty = index.status(settings)
    assert empty.collection == "" and empty.articles == ()
    index.build(settings, HashingEmbeddings())
    st = index.status(settings)
    assert st.location == str(settings.chroma_dir) and st.model == settings.embedding_model
    rows = {a.source: a for a in st.articles}
    assert rows["ferry_order.md"].title == "Port of Almera Orders Three Electric Ferries"
    assert rows["ferry_order.md"].published == "2024-01-15" and rows["ferry_order.md"].passages == 5
    info, passages = index.show(settings, rows["ferry_order.md"].id)
    assert info.author == "Sofia Lindqvist"
    assert [p.paragraph for p in passages] == [0, 1, 2, 3, 4]
    with pytest.raises(KeyError):
        index.show(settings, "0000000000000000")


def test_over_long_paragraph_is_split_at_sentence_boundaries():
    article = load_article(CORPUS / "ferry_order.md")
    passages = article_passages(article, max_tokens=30, count_tokens=lambda t: len(t.split()))
    second = [p for p in passages if p.paragraph == 2]  # 3 sentences, 46 words
    assert [p.id for p in second] == [f"{article.id}:2.1", f"{article.id}:2.2"]
    assert " ".join(p.text for p in second) == article.paragraphs[1]
    assert all(p.text.endswith(".") for p in second)
    assert passages[0].id == f"{article.id}:0" and passages[1].id == f"{article.id}:1"


def test_renamed_file_keeps_its_passages_and_names_the_new_file(tmp_path, fake_embeddings):
    import shutil

    from index import Store, build
    from tests.conftest import CORPUS
    from ui.settings import Settings

    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    build(settings, fake_embeddings)
    ids = [p.id for p in Store(settings).passages()]
    (folder / "riverside_bridge.txt").rename(folder / "bridge_story.txt")
    summary = build(settings, fake_embeddings)
    assert (summary.updated, summary.removed, summary.added) == (1, 0, 0)
    assert [p.id for p in Store(settings).passages()] == ids
    assert "bridge_story.txt" in {row["source"] for row in Store(settings).articles()}
