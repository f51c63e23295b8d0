"""Tests of the benchmarks themselves (``bench/``): the only tests that import it."""
