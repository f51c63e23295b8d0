"""Training of the answer model (``python -m bot.train``); never imported by the answer path."""
