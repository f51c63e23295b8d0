"""The learned answer model: features, the encoder and the decision, as the answer path runs them."""
