"""Reader for Markdown with YAML front matter.

An lvterm post file (front matter with slug, lang and title; a slug as `formats.post.check_slug`
allows) is read with formats/post.py `loads`, so ingesting a post file gives back the same post (it
round-trips); another `slug:` (`My Post`, `../x`) is made a slug by cleaning, like a title. Any
other Markdown (Jekyll, Hugo and WordPress-to-Markdown exports) is parsed with markdown-it-py:
paragraphs, headings, list items and block quotes become paragraphs of plain text (links keep their
text, images and code fences are left out). An ordered-list marker is kept ("2011. gadā ..." at the
start of a line is Latvian prose that CommonMark reads as a list item numbered 2011). Title, author,
date and categories come from the front matter; without a title the first heading is the title.
The front matter's `lang:` is the post's language and `translations:` its declared translations.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

from .. import textio
from ..errors import InputError
from ..formats import post as post_format
from .draft import Draft
from .htmlpage import collapse

_SKIP_BLOCKS = {"fence", "code_block", "html_block", "hr"}


def split_front_matter(text: str, *, source: str) -> tuple[dict[str, Any], str]:
    """(front matter, body). No front matter: ({}, text). Bad front matter: the InputError (file and
    line) that formats/post.py gives for it."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 3)
    if end < 0:
        raise InputError("front matter is not closed with '---'", path=source, line=1)
    # textio's YAML rule (aliases refused, depth bounded, lines counted from line 2), as for post files
    front = textio.parse_yaml(text[4:end + 1], path=source, what="bad YAML front matter", first_line=2)
    if front is None:
        front = {}
    if not isinstance(front, dict):
        raise InputError("front matter must be a mapping", path=source, line=2)
    return front, text[end + 5:]


def _inline_text(token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content if child.type != "html_inline" else "")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return collapse("".join(parts))


def markdown_paragraphs(body: str, *, title: str | None = None) -> tuple[list[str], str | None]:
    """Plain-text paragraphs of a Markdown body, and the title heading taken out of it: the first
    heading when it opens the body and `title` is unknown or the same text."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(body)
    paras: list[str] = []
    first_heading = None
    prefix = ""
    in_heading = False
    for tok in tokens:
        if tok.type == "ordered_list_open":
            continue
        if tok.type == "list_item_open":
            prefix = f"{tok.info}{tok.markup} " if tok.info else ""
        elif tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "inline":
            text = _inline_text(tok)
            if text:
                if in_heading and first_heading is None and not paras and title in (None, "", text):
                    first_heading = text
                    continue
                paras.append(prefix + text)
            prefix = ""
    return paras, first_heading


def _plain(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def _is_slug(value: Any) -> bool:
    """An lvterm post file's slug; any other (a Hugo `slug: My Post`, `../x`) is slugified by cleaning."""
    try:
        post_format.check_slug(value)
    except InputError:
        return False
    return True


def read(text: str, *, source: str) -> list[Draft]:
    front, body = split_front_matter(text, source=source)
    if front.get("slug") and front.get("lang") and front.get("title") and _is_slug(front["slug"]):
        post = post_format.loads(text, path=source)
        meta = {"slug": post.slug, "lang": post.lang, "title": post.title, "author": post.author,
                "date": post.date, "category": post.category, "source": post.source,
                "translations": dict(post.translations), **post.meta}
        return [Draft(source=source, paragraphs=post.paragraphs, meta=meta, repairs=post.repairs)]
    paras, heading = markdown_paragraphs(body, title=str(front.get("title") or ""))
    author = front.get("author")
    if isinstance(author, dict):
        author = author.get("name")
    elif isinstance(author, list):
        author = ", ".join(map(str, author))
    categories = front.get("categories") or front.get("category")
    if isinstance(categories, dict):
        raise InputError("front matter 'categories' must be a name or a list of names", path=source, line=1)
    if categories and not isinstance(categories, list):
        categories = [categories]  # one name (a number too: "category: 2011")
    tags = front.get("tags")
    meta = {k: _plain(v) for k, v in front.items()
            if k not in ("title", "author", "date", "categories", "category", "tags")}
    meta.update({
        "title": str(front.get("title") or heading or ""),
        "author": author,
        "date": _plain(front.get("date")),
        "category": str(categories[0]) if categories else None,
        "categories": [str(c) for c in categories] if categories and len(categories) > 1 else None,
        "tags": [str(t) for t in tags] if isinstance(tags, list) else tags,
    })
    return [Draft(source=source, paragraphs=tuple(paras), meta=meta)]
