"""Reader for Markdown with YAML front matter.

An lvterm post file (front matter with slug, lang, title and source, the lang an exact language
code such as `lv`, the slug as `formats.post.check_slug` allows) is read with formats/post.py
`loads`, so ingesting a post file gives back the same post (it round-trips). Any other Markdown
(Jekyll, Hugo and WordPress-to-Markdown exports, whatever their front matter: `slug: My Post`,
`lang: lv-LV`) is parsed with markdown-it-py: paragraphs, headings, list items (one paragraph each)
and block quotes become paragraphs of plain text (emphasis markers go, links keep their text,
images and code fences are left out); its `slug:` is made a slug by cleaning, like a title. An
ordered-list marker is kept ("2011. gadā ..." at the start of a line is Latvian prose that
CommonMark reads as a list item numbered 2011). Hugo shortcodes (`{{< figure ... >}}`, `{{% notice
%}}`) go: a paired one keeps its text, a figure's `caption` is a paragraph of its own, `highlight`
code goes with its tags. Footnote markers (`[^1]`) go and the footnotes' texts (`[^1]: ...`) are
paragraphs at the end. Title, author, date and categories come from the front matter; without a
title the first heading is the title. The front matter's `lang:` is the post's language (a tag such
as `lv-LV` is reduced to `lv` by cleaning; one that is no language tag is an error naming its line)
and `translations:` its declared translations (checked here, with their line).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any

import re

from .. import textio
from ..errors import InputError
from ..formats import post as post_format
from . import shortcodes
from .clean import lang_code
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


#: Block nesting markdown-it reads (a list level is two, a quote one): past it markdown-it drops the
#: rest of the body without a word (its default, 20, dropped a list's tenth level), so reaching it is
#: an error; far above real posts, far below where its recursive parser would overflow.
MAX_NESTING = 100


def markdown_paragraphs(body: str, *, title: str | None = None, source: str | None = None,
                        first_line: int | None = 1) -> tuple[list[str], str | None]:
    """Plain-text paragraphs of a Markdown body, and the title heading taken out of it: the first
    heading when it opens the body and `title` is unknown or the same text. InputError (naming
    `source`, at the line counted from `first_line`, the body's first line in its file; None: no
    line) for a body nested so deep that markdown-it would drop part of it (`MAX_NESTING`)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).parse(body)
    deepest = max(tokens, key=lambda t: t.level, default=None)
    if deepest is not None and deepest.level >= MAX_NESTING - 1:
        line = deepest.map[0] + first_line if deepest.map and first_line is not None else None
        raise InputError(f"malformed Markdown: lists or quotes nested about {MAX_NESTING // 2} levels deep or "
                         "more; the text past that would be lost", path=source, line=line)
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


_HUGO = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)((?:[^{}]|\{(?!\{)|\}(?!\}))*?)\s*[>%]\}\}")
_HUGO_CODE = frozenset({"highlight", "code"})
_NOTE_DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?:[ \t]*\n)*(?:    |\t).*)*)", re.MULTILINE)
_NOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")


def hugo_shortcodes(body: str) -> str:
    """`body` without Hugo shortcodes: a paired one's text stays (but `highlight` code), a figure's
    caption is a paragraph of its own, the rest goes. Line ends inside a tag are kept."""
    out, pos, skip_to = [], 0, None
    for m in _HUGO.finditer(body):
        closing, name = bool(m.group(2)), m.group(3).lower()
        if skip_to is not None:  # inside highlighted code: up to its closing tag
            if closing and name == skip_to:
                out.append("\n" * body.count("\n", pos, m.end()))
                pos, skip_to = m.end(), None
            continue
        out.append(body[pos:m.start()])
        pos = m.end()
        caption = shortcodes.caption(m.group(4), hugo=True) if name == "figure" and not closing else None
        if caption is not None:
            out.append("\n\n" + caption + "\n\n")
        else:
            out.append("\n" * m.group(0).count("\n"))
        if name in _HUGO_CODE and not closing:
            skip_to = name
    out.append(body[pos:] if skip_to is None else "")
    return "".join(out)


def footnotes(body: str) -> tuple[str, list[str]]:
    """`body` without its footnote markers and definitions, and the definitions' texts in order."""
    notes = [m.group(2) for m in _NOTE_DEFINITION.finditer(body)]
    body = _NOTE_DEFINITION.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    return _NOTE_MARK.sub("", body), notes


def _check_front(front: dict, text: str, *, source: str) -> None:
    """A language that is no language tag, and a translation that names no post file, are errors
    naming their line (as for a post file)."""
    lang = front.get("lang")
    if lang not in (None, "") and lang_code(lang) is None:
        post_format.check_lang(lang, path=source, line=post_format.key_line(text, "lang"))
    translations = front.get("translations")
    if isinstance(translations, dict):
        post_format.check_translations(translations, text=text, path=source)


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


def is_post_file(front: dict) -> bool:
    """Whether front matter is an lvterm post file's: slug, lang, title and source, the lang an
    exact language code, the slug a slug. Hugo's and Jekyll's front matter has no `source:`."""
    return bool(front.get("slug") and front.get("title") and front.get("source")
                and isinstance(front.get("lang"), str) and re.fullmatch(r"[a-z]{2,3}", front["lang"])
                and _is_slug(front["slug"]))


def read(text: str, *, source: str) -> list[Draft]:
    front, body = split_front_matter(text, source=source)
    if is_post_file(front):
        post = post_format.loads(text, path=source)
        meta = {"slug": post.slug, "lang": post.lang, "title": post.title, "author": post.author,
                "date": post.date, "category": post.category, "source": post.source,
                "translations": dict(post.translations), **post.meta}
        return [Draft(source=source, paragraphs=post.paragraphs, meta=meta, repairs=post.repairs)]
    _check_front(front, text, source=source)
    first_line = text.count("\n", 0, len(text) - len(body)) + 1 if text.endswith(body) else None
    body, notes = footnotes(hugo_shortcodes(body))  # (footnote definitions off its end: its lines stay)
    paras, heading = markdown_paragraphs(body, title=str(front.get("title") or ""), source=source,
                                         first_line=first_line)
    for note in notes:
        paras += markdown_paragraphs(note, source=source, first_line=None)[0]
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
