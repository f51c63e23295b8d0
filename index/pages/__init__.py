"""Reading pages: a file, an HTML page or a URL → one ``Article`` (title, byline, date, outlet,
body without the site's chrome). Imports nothing from ``index.storage``."""
