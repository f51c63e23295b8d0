"""The optional LLM answerer: chat models (``models``), the grounded chain that checks every claim
against the cited passages and falls back to the extractive answer (``chain``, ``grounding``)."""
