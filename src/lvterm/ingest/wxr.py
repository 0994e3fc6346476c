"""Reader for a WordPress eXtended RSS (WXR) export: many posts in one XML file.

XML is parsed with defusedxml: a DTD, entity declarations or external references are refused (no
entity expansion, no network). Each <item> of post type `post` or `page` (not trashed, not an
auto-draft) becomes one Draft; its <content:encoded> HTML is read with the HTML reader (linear,
nested at most `htmlpage.MAX_DEPTH` deep: a deeper item is that item's error, the others are read).

One broken item does not sink the file: when the whole document is not well-formed, the items are
cut apart at their <item> tags and parsed one by one, so every good item is still read and the
broken one is reported with its number and line.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Iterator

import defusedxml
import defusedxml.ElementTree as DET

from ..errors import InputError
from . import htmlpage
from .draft import Draft
from .rules import HtmlRules, default_rules

NS = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
}
_WP_PREFIX = "{http://wordpress.org/export/"
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_ITEM_START = re.compile(r"<item[\s>]")
_KEEP_TYPES = {"post", "page"}
_SKIP_STATUS = {"trash", "auto-draft", "inherit"}


def looks_like_wxr(text: str) -> bool:
    head = text[:4000]
    return "<rss" in head and "wordpress.org/export/" in head


def _wp(elem: ET.Element, name: str) -> str | None:
    """Text of a wp:NAME child, whatever the WXR version (1.0, 1.1, 1.2)."""
    for child in elem:
        if child.tag.startswith(_WP_PREFIX) and child.tag.endswith("}" + name):
            return (child.text or "").strip()
    return None


def _text(elem: ET.Element, path: str) -> str:
    found = elem.find(path, NS)
    return (found.text or "").strip() if found is not None and found.text else ""


def _parse(text: str) -> ET.Element:
    return DET.fromstring(_XML_DECL.sub("", text, count=1), forbid_dtd=True)


def _error_line(exc: Exception) -> int | None:
    pos = getattr(exc, "position", None)
    return pos[0] if pos else None


def _reason(exc: ET.ParseError) -> str:
    """'mismatched tag' from 'mismatched tag: line 5, column 3' (the line is reported separately)."""
    return str(exc).split(": line ")[0]


def _authors(channel: ET.Element) -> dict[str, str]:
    names = {}
    for elem in channel:
        if elem.tag.startswith(_WP_PREFIX) and elem.tag.endswith("}author"):
            login, display = _wp(elem, "author_login"), _wp(elem, "author_display_name")
            if login and display:
                names[login] = display
    return names


def _draft(item: ET.Element, *, source: str, label: str, authors: dict[str, str], rules: HtmlRules,
           line: int | None) -> Draft | None:
    post_type = _wp(item, "post_type") or "post"
    status = _wp(item, "status") or "publish"
    if post_type not in _KEEP_TYPES or status in _SKIP_STATUS:
        return None
    title = _text(item, "title")
    label = f"{label} {title!r}" if title else label
    html = _text(item, "content:encoded")
    try:
        tree = htmlpage.parse(html)
    except InputError as exc:
        raise InputError(f"{exc.message} (line {exc.line} of its <content:encoded>)", path=source, line=line,
                         item=label) from None
    paras = htmlpage.paragraphs(tree, rules=rules, blank_lines_break=True)
    creator = _text(item, "dc:creator")
    categories = [c.text.strip() for c in item.findall("category")
                  if c.get("domain") == "category" and c.text and c.text.strip()]
    tags = [c.text.strip() for c in item.findall("category")
            if c.get("domain") == "post_tag" and c.text and c.text.strip()]
    meta = {
        "title": title,
        "author": authors.get(creator, creator),
        "date": _wp(item, "post_date") or _text(item, "pubDate"),
        "category": categories[0] if categories else None,
        "categories": categories if len(categories) > 1 else None,
        "tags": tags,
        "link": _text(item, "link"),
        "wp_post_name": _wp(item, "post_name"),
        "wp_post_id": _wp(item, "post_id"),
    }
    return Draft(source=source, paragraphs=tuple(paras), meta=meta, item=label)


def _items_one_by_one(text: str) -> Iterator[tuple[int, str | None, int]]:
    """(item number, item XML or None, line) for each <item> cut out of a broken document."""
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    for n, start in enumerate(starts, 1):
        end = starts[n] if n < len(starts) else len(text)
        chunk = text[start:end]
        close = chunk.rfind("</item>")
        yield n, chunk[:close + len("</item>")] if close >= 0 else None, text.count("\n", 0, start) + 1


def read(text: str, *, source: str, rules: HtmlRules | None = None) -> list[Draft | InputError]:
    """Drafts for the good items, and one InputError per broken item (or for the broken document)."""
    rules = rules or default_rules().html
    try:
        root = _parse(text)
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"refused unsafe XML ({type(exc).__name__}): no DTDs, entities or external "
                         f"references", path=source) from None
    except ET.ParseError as exc:
        return _read_broken(text, source=source, rules=rules, error=exc)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise InputError("not a WordPress export: no <rss><channel>", path=source, line=1)
    authors = _authors(channel)
    out: list[Draft | InputError] = []
    items = channel.findall("item")
    for n, item in enumerate(items, 1):
        out.append(_item(item, n, source=source, authors=authors, rules=rules, line=None))
    out = [d for d in out if d is not None]
    if not out:  # never a silent success that ingested nothing
        skipped = f"{len(items)} other item{'s' * (len(items) != 1)} skipped" if items else "no <item>s"
        raise InputError(f"no posts or pages in the export ({skipped})", path=source)
    return out


def _item(item, n, *, source, authors, rules, line):
    try:
        return _draft(item, source=source, label=f"item {n}", authors=authors, rules=rules, line=line)
    except InputError as exc:
        return exc


def _read_broken(text: str, *, source: str, rules: HtmlRules, error: ET.ParseError) -> list[Draft | InputError]:
    line = _error_line(error)
    root_tag = re.search(r"<rss\b[^>]*>", text)
    items = list(_items_one_by_one(text))
    if root_tag is None or not items:
        raise InputError(f"malformed XML: {_reason(error)}", path=source, line=line) from None
    head = text[:_ITEM_START.search(text).start()]
    # on one line, so that a line inside the re-wrapped item is its line in the file
    rss = re.sub(r"\s+", " ", root_tag.group())
    try:
        channel = _parse(head + "</channel></rss>").find("channel")
        authors = _authors(channel) if channel is not None else {}
    except (ET.ParseError, defusedxml.DefusedXmlException):
        authors = {}
    out: list[Draft | InputError] = []
    broken = 0
    for n, chunk, item_line in items:
        if chunk is None:
            out.append(InputError("malformed XML: <item> is never closed", path=source, line=item_line,
                                  item=f"item {n}"))
            broken += 1
            continue
        try:
            item = _parse(f"{rss}<channel>{chunk}</channel></rss>").find("channel/item")
        except ET.ParseError as exc:
            where = _error_line(exc)
            out.append(InputError(f"malformed XML: {_reason(exc)}", path=source,
                                  line=item_line + (where - 1 if where else 0), item=f"item {n}"))
            broken += 1
            continue
        except defusedxml.DefusedXmlException as exc:
            out.append(InputError(f"refused unsafe XML ({type(exc).__name__})", path=source, line=item_line,
                                  item=f"item {n}"))
            broken += 1
            continue
        out.append(_item(item, n, source=source, authors=authors, rules=rules, line=item_line))
    if not broken:  # the items are fine; the damage is elsewhere in the document
        out.append(InputError(f"malformed XML outside the items: {_reason(error)}", path=source, line=line))
    return [d for d in out if d is not None]
