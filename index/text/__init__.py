"""The text layer: how the product cuts text, in one place for reading pages (``index.pages``),
storing them (``index.storage``), the briefing and the answer path (``bot``).

- ``index.text.tokens``: words, two rules for two needs: ``folded_words`` (lowercased, accents
  and possessives off, hyphens split: what search matches on) and ``written_words`` (as written,
  case and inner hyphens kept: what tells a name by its capitals).
- ``index.text.terms``: stop words, stems and terms (the lexical index and sentence scoring), and
  how two terms match.
- ``index.text.sentences``: ``split_sentences``, the one sentence splitter.
- ``index.text.calendar``: month and weekday names.

Nothing here imports the rest of ``index`` or ``bot``; nothing is loaded at import time.
"""
