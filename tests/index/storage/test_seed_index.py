"""The seed article through the real model: 29 paragraphs, metadata, no chrome, idempotent builds."""

from __future__ import annotations

import shutil

import pytest

import index
from index import Store
from tests.conftest import SEED_FILE
from ui.settings import Settings

pytestmark = pytest.mark.model

CHROME = [
    "NEWS 24H",
    "Previous Article",
    "Next Article",
    "Thursday, January 23, 2025",
    "Amina Elghoubachi",
    "8 Mins Read",
]


@pytest.fixture
def seed_settings(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / SEED_FILE.name)
    return Settings(data_dir=tmp_path / "data", articles_dir=folder)


def test_seed_builds_29_clean_paragraphs_with_metadata(seed_settings, real_embeddings):
    summary = index.build(seed_settings, real_embeddings)
    assert (summary.added, summary.passages) == (1, 30)
    store = Store(seed_settings)
    body = [p for p in store.passages() if p.kind == "body"]
    meta = [p for p in store.passages() if p.kind == "meta"]
    assert len(body) == 29 and [p.paragraph for p in body] == list(range(1, 30))
    for p in body:
        for chrome in CHROME:
            assert chrome not in p.text
    (row,) = store.articles()
    assert row["title"] == "As Syrian Rebels’ Gain Ground, Is the Balance of Power Shifting?"
    assert row["author"] == "Amina Elghoubachi"
    assert row["published"] == "2025-01-23"
    assert "Thursday, January 23, 2025" in meta[0].text and "8 Mins Read" in meta[0].text


def test_second_build_changes_nothing_and_removal_drops_passages(seed_settings, real_embeddings):
    index.build(seed_settings, real_embeddings)
    ids_first = [p.id for p in Store(seed_settings).passages()]
    again = index.build(seed_settings, real_embeddings)
    assert (again.added, again.updated, again.removed, again.unchanged, again.passages) == (
        0,
        0,
        0,
        1,
        0,
    )
    assert [p.id for p in Store(seed_settings).passages()] == ids_first
    rebuilt = index.rebuild(seed_settings, real_embeddings)
    assert rebuilt.passages == 30
    assert [p.id for p in Store(seed_settings).passages()] == ids_first
    (seed_settings.articles_dir / SEED_FILE.name).unlink()
    gone = index.build(seed_settings, real_embeddings)
    assert gone.removed == 1 and Store(seed_settings).count() == 0
