"""Answering a question: condense a follow-up (``condense``), read what it asks (``questions``),
retrieve candidate passages (``retriever``), let the learned model pick the sentence or refuse
(``learned``), and answer metadata questions from the article's own lines (``replies``). The LCEL
chain that joins these steps is ``chain.build_chain``."""
