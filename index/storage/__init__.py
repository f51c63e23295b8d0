"""Storing articles: ``Article`` → passages (stable ids) → embeddings → the Chroma store; build,
rebuild, remove, add, status. Reads pages only through ``index.pages``."""
