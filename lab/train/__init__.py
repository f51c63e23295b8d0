"""Training of the answer model (``python -m lab.train``); never imported by the answer path."""
