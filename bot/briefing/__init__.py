"""The briefing of one or more articles: key points, who's who, timeline and places, every entry a
cited verbatim sentence. ``build.brief_corpus`` makes one; ``render`` writes it as text, Markdown
or HTML for the CLI, the export and the web tab."""
