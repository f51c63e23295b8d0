"""Benchmarks: our bot against the textbook LangChain RAG baseline (``python -m bench``)."""
