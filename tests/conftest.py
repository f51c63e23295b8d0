from __future__ import annotations

from pathlib import Path

import pytest

from index.runtime import go_offline

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SEED_FILE = next(SEEDS.glob("*.txt"))
CORPUS = Path(__file__).resolve().parent / "corpus"
PAGES = Path(__file__).resolve().parent / "pages"  # saved news pages for the page readers

go_offline()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data directory; nothing touches the user's."""
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    for name in (
        "BRIEFING_CHROMA_URL",
        "BRIEFING_ARTICLES_DIR",
        "BRIEFING_LLM",
        "BRIEFING_AUTH",
        "BRIEFING_ANSWER_MODEL_DIR",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def real_embeddings():
    """The packaged model, loaded once for the whole session (tests using it are marked `model`)."""
    from index.storage.embeddings import embeddings_for
    from ui.settings import Settings

    return embeddings_for(Settings())


@pytest.fixture
def fake_embeddings():
    from tests.fakes import HashingEmbeddings

    return HashingEmbeddings()


@pytest.fixture(scope="session")
def seed_settings_built(tmp_path_factory, real_embeddings):
    """Settings of an index of the seed article built once with the real model (read-only use)."""
    import shutil

    import index
    from ui.settings import Settings

    root = tmp_path_factory.mktemp("seed")
    folder = root / "articles"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / SEED_FILE.name)
    settings = Settings(data_dir=root / "data", articles_dir=folder)
    index.build(settings, real_embeddings)
    return settings
