"""Ingest and cleaning: one reader per input format, encoding detection, boilerplate rules as data.

Readers: `text` (scraped page text), `htmlpage` (saved HTML page), `wxr` (WordPress export),
`markdown` (Markdown with YAML front matter). `detect` decodes bytes, `clean` turns a reader's
Draft into a Post, `translations` makes the posts' declared translations mutual (with the post
files already written too), `pipeline` runs it all for the `lvterm ingest` command.
"""
from .draft import IngestWarning
from .pipeline import ingest, plan, post_json, run, write_post

__all__ = ["IngestWarning", "ingest", "plan", "post_json", "run", "write_post"]
