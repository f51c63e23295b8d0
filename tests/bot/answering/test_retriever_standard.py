"""LangChain's own standard retriever tests against our hybrid retriever (fake embeddings)."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

import index
from bot.answering.retriever import HybridRetriever
from bot.corpus import Corpus
from index import Store
from tests.conftest import CORPUS
from tests.fakes import HashingEmbeddings
from ui.settings import Settings


class TestHybridRetriever(RetrieversIntegrationTests):
    @pytest.fixture(autouse=True)
    def _store(self, tmp_path):
        folder = tmp_path / "articles"
        shutil.copytree(CORPUS, folder)
        settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
        embeddings = HashingEmbeddings()
        index.build(settings, embeddings)
        store = Store(settings)
        self._params = {
            "corpus": Corpus.from_passages(store.passages()),
            "vectorstore": store.vectorstore(embeddings),
            "embeddings": embeddings,
        }

    @property
    def retriever_constructor(self) -> type[HybridRetriever]:
        return HybridRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return self._params

    @property
    def retriever_query_example(self) -> str:
        return "Who opened the Riverside Bridge in Cedar Falls?"


def test_names_come_first_thanks_to_the_lexical_side(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    settings = Settings(data_dir=tmp_path / "data", articles_dir=folder)
    embeddings = HashingEmbeddings()
    index.build(settings, embeddings)
    store = Store(settings)
    retriever = HybridRetriever(
        corpus=Corpus.from_passages(store.passages()),
        vectorstore=store.vectorstore(embeddings),
        embeddings=embeddings,
        k=2,
    )
    docs = retriever.invoke("Meron Tesfaye")
    assert "Tesfaye" in docs[0].page_content
    assert docs[0].metadata["passage_id"] == docs[0].id and docs[0].metadata["lexical_rank"] == 0
