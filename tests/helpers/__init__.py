"""Helpers the tests share (processes, the web chat's HTTP API, the browser); ``bench/`` may use them
too, but no test imports ``bench/``."""
