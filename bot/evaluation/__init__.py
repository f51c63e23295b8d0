"""Measuring the bot on a collection: question files and their scoring (``questions``), and
briefings scored against gold briefings (``brief_score``)."""
