"""The lab: training the answer model, probes, threshold picking and dev-set runs. Not part of the
product (not in the wheel); it may import the product and ``bench``, nothing imports it."""
