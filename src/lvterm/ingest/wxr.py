"""Reader for a WordPress eXtended RSS (WXR) export: many posts in one XML file.

XML is parsed with defusedxml: a DTD, entity declarations or external references are refused (no
entity expansion, no network). Each published <item> of post type `post` or `page` (below)
becomes one Draft; its <content:encoded> HTML is read with the HTML reader (linear,
nested at most `htmlpage.MAX_DEPTH` deep: a deeper item is that item's error, the others are read).

Only what the blog shows the public is read: a post or page whose status is `publish` and that has
no password. Drafts, pending, scheduled (`future`), private, trashed and password-protected ones
are left out, counted in one line on stderr (`lvterm: export.xml: 4 posts not public, left out:
1 draft, 1 pending review, ...`; a logging warning, not an error), each a LeftOut (ingest names a
post file that still publishes one, and a translation that is one). An export whose posts are
all not public is an IngestWarning; one with no posts at all, an InputError.

Bilingual sites (Polylang): an item's language is its `<category domain="language" nicename="lv">`
(a language term whose locale is `lv_LV` names Latvian whatever its slug; without one, the language
its translation group lists it under), and its translation
group is its `<category domain="post_translations" nicename="pll_...">`, a `<wp:term>` of the
channel whose description is a PHP-serialised map of language -> post id
(`a:2:{s:2:"lv";i:12;s:2:"en";i:15;}`). The item's Draft carries its post id and its translations'
ids; ingest turns the ids into slugs once every item is read. A group that is not in the export,
cannot be read or does not list the item is that item's error line; the item is still read.
Whether an export holds the groups at all is told by its header alone: one of part of the site
(Tools → Export → Posts, of one category or of all posts; WP-CLI's `wp export --post_type=post,page`)
holds no Polylang term (no `language`, no `post_translations`), only the groups' names on the
items: such an item's Draft carries the name (`unread_group`), and ingest, once the whole run is
resolved, warns once for the export about those of its posts left without a translation
(`partial_groups`). Which post types the items are decides nothing here, only which post files
an export names as gone (`shows_partial`). In an
export whose items carry Polylang data (a language or a translation group), every Draft is marked
`translations_complete`: its translations are its group's, never guessed from slugs.

An export also hands on its Inventory (its blog, the ids of all its items, whether it shows it is
partial: `shows_partial`), so ingest can name the post files of its blog that it no longer holds.

One broken item does not sink the file: when the whole document is not well-formed, the items are
cut apart at their <item> tags and parsed one by one, so every good item is still read and the
broken one is reported with its number and line.
"""
from __future__ import annotations

import dataclasses
import html
import json
import logging
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

import defusedxml
import defusedxml.ElementTree as DET

from ..errors import InputError
from . import htmlpage, shortcodes
from .clean import lang_code
from .draft import Draft, IngestWarning, Inventory, LeftOut
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
#: What a post or page that is not public is, by status (or `password`), as a sentence says it.
STATUS = {"draft": "a draft", "auto-draft": "an auto-draft", "pending": "pending review",
          "future": "scheduled (future)", "private": "private", "password": "password-protected",
          "trash": "in the trash"}
#: Why a post or page is not public, by status (or `password`), in the order the line lists them.
_NOT_PUBLIC = {"draft": "draft", "auto-draft": "auto-draft", "pending": "pending review",
               "future": "scheduled (future)", "private": "private", "password": "password-protected",
               "trash": "in the trash"}

log = logging.getLogger(__name__)


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


_PHP_ARRAY = re.compile(rb'a:(\d{1,6}):\{')
_PHP_SCALAR = re.compile(rb'(?:i:(-?\d{1,19})|b:([01])|d:(-?[0-9.eE+-]{1,40}|NAN|INF|-INF)|(N));')
_PHP_STRING_HEAD = re.compile(rb's:(\d{1,6}):"')


def php_array(text: str) -> dict[str, str] | None:
    """A flat PHP-serialised array (what WordPress plugins keep in term descriptions) as a dict of
    strings: `a:2:{s:2:"lv";i:12;s:2:"en";i:15;}` -> {"lv": "12", "en": "15"}. None for anything
    else (nested arrays, objects, a cut or padded text): no recursion, linear in the text."""
    data = text.strip().encode("utf-8")
    m = _PHP_ARRAY.match(data)
    if not m:
        return None
    pos, items = m.end(), []
    while pos < len(data) and data[pos:pos + 1] != b"}":
        head = _PHP_STRING_HEAD.match(data, pos)
        if head:  # a string: its length is in bytes, and it may hold any character, quotes too
            end = head.end() + int(head.group(1))
            if data[end:end + 2] != b'";':
                return None
            items.append(data[head.end():end].decode("utf-8", "replace"))
            pos = end + 2
            continue
        scalar = _PHP_SCALAR.match(data, pos)
        if not scalar:
            return None
        items.append(next(g for g in scalar.groups() if g is not None).decode("ascii"))
        pos = scalar.end()
    if data[pos:] != b"}" or len(items) != 2 * int(m.group(1)):
        return None
    return dict(zip(items[::2], items[1::2]))


@dataclass(frozen=True)
class _Terms:
    """The channel's Polylang terms: language slug -> language code, group slug -> {code: post id}
    (None: a group whose description cannot be read)."""

    langs: dict[str, str]
    groups: dict[str, dict[str, str] | None]
    unread: bool = False  # the header holds no Polylang term: the export holds none of its items' groups

    def lang(self, slug: str) -> str:
        """The language code a Polylang language slug stands for (the slug itself when unknown)."""
        return self.langs.get(slug) or lang_code(slug) or slug


def _terms(channel: ET.Element | None) -> _Terms:
    raw: dict[str, list[tuple[str, str]]] = {"language": [], "post_translations": []}
    for elem in channel if channel is not None else ():
        if elem.tag.startswith(_WP_PREFIX) and elem.tag.endswith("}term"):
            taxonomy, slug = _wp(elem, "term_taxonomy"), _wp(elem, "term_slug")
            if taxonomy in raw and slug:
                raw[taxonomy].append((slug, _wp(elem, "term_description") or ""))
    langs = {}
    for slug, description in raw["language"]:
        locale = (php_array(description) or {}).get("locale")
        langs[slug] = lang_code(locale) or lang_code(slug) or slug
    unread = channel is not None and not (raw["language"] or raw["post_translations"])
    terms = _Terms(langs=langs, groups={}, unread=unread)
    for slug, description in raw["post_translations"]:
        group = php_array(description)
        terms.groups[slug] = None if group is None else {terms.lang(k): v for k, v in group.items()}
    return terms


def shows_partial(channel: ET.Element | None, items: Iterable[ET.Element] = ()) -> bool:
    """Whether an export shows it is of part of the site, by its channel's terms and its `items`.

    WordPress (Tools → Export, `export_wp`) writes the site's tags, the terms of its other
    taxonomies (Polylang's languages and translation groups among them), its menus' `nav_menu`
    terms and all its categories (the default one at least) only into an export of all content;
    its export of one post type (Posts, of one category, author, dates or status; Pages; Media)
    holds no tag nor term, one category at most (the one chosen) and the items of that one type.
    WP-CLI's `wp export --post_type=...` writes no category (but the one of `--category`), tag
    nor term but its menus' `nav_menu` terms, and adds the attachments of the posts it exports.
    So an export is partial when it holds no tag, no term but `nav_menu`, at most one category,
    and its items are of one post type, attachments attached to a post aside (WP-CLI's split
    export, `--max_file_size`, writes the attachments after all posts, so a file may hold those of
    another file's posts: any parent id counts). An export of all content of a small blog (its
    default category only, no tags, no menus) holds posts and pages, or posts and attachments
    attached to nothing (`post_parent` 0), or menu items, so it is whole. What cannot be told
    (`docs/ingest.md`): a blog of posts alone, all content exported, reads as partial (so nothing
    is named gone), as does one whose media are all attached to posts; WP-CLI's export of several
    post types (`--post_type=post,page`), or of all types by dates, author or ids, reads as whole.
    Whether the export holds the translation groups is told apart (`_terms`: by the header)."""
    if channel is None:
        return True
    categories = 0
    for elem in channel:
        if not elem.tag.startswith(_WP_PREFIX):
            continue
        name = elem.tag.rsplit("}", 1)[-1]
        if name == "tag" or (name == "term" and _wp(elem, "term_taxonomy") != "nav_menu"):
            return False
        categories += name == "category"
    if categories > 1:
        return False
    types = {_wp(i, "post_type") or "post" for i in items
             if (_wp(i, "post_type") or "post") != "attachment" or (_wp(i, "post_parent") or "0") == "0"}
    return len(types) <= 1


def _inventory(items: list[ET.Element], *, source: str, channel: ET.Element | None,
               all_read: bool = True) -> Inventory:
    """The export's Inventory, of its `items` (`all_read`: all of them; else its ids are unknown)."""
    ids = frozenset(pid for i in items if (pid := _wp(i, "post_id"))) if all_read else None
    return Inventory(source=source, site=_site(channel), post_ids=ids, partial=shows_partial(channel, items))


def _category(item: ET.Element, domain: str) -> str | None:
    found = next((c for c in item.findall("category") if c.get("domain") == domain), None)
    if found is None:
        return None
    return (found.get("nicename") or found.text or "").strip() or None


def _translation_ids(item: ET.Element, *, post_id: str | None, lang: str | None, terms: _Terms, source: str,
                     label: str, line: int | None) -> tuple[str | None, dict[str, str], list[InputError]]:
    """The item's language (as stated, else as its Polylang translation group lists it), the ids
    of its translations by language, and the group's problems (one InputError each: the item
    itself is still read)."""
    name = _category(item, "post_translations")
    if name is None:
        return lang, {}, []

    def problem(message: str) -> tuple[str | None, dict[str, str], list[InputError]]:
        return lang, {}, [InputError(f"{message}; read without its translations", path=source, line=line,
                                     item=label)]

    if name not in terms.groups:
        if terms.unread:  # the Draft's `unread_group`: ingest says once for the export whether it matters
            return lang, {}, []
        return problem(f"its translation group {name!r} is not in the export")
    group = terms.groups[name]
    if group is None:
        return problem(f"its translation group {name!r} cannot be read (not a PHP-serialised map of "
                       f"language to post id)")
    if post_id is None or post_id not in group.values():
        return problem(f"its translation group {name!r} does not list it (post {post_id})")
    mine = [code for code, pid in group.items() if pid == post_id]
    if lang is not None and lang not in mine:
        return problem(f"its translation group {name!r} lists it as {', '.join(mine)}, not as its language {lang}")
    lang = lang or mine[0]
    return lang, {code: pid for code, pid in group.items() if code != lang}, []


#: The warning for an export of part of the site, `n` of whose posts name a translation group it
#: cannot hold and end up without a translation (ingest tells, once the whole run is resolved).
PARTIAL_GROUPS = ("a partial export (of one category, or of posts only), which holds no translation groups: {n} of "
                  "its posts cannot be paired from it and {verb} left without {their} translation{s}; pair {them} "
                  "with 'lvterm pair --write', or export the whole site (Tools → Export → All content) and "
                  "ingest that")


def partial_groups(n: int, *, source: str) -> IngestWarning:
    """The one warning for a partial export `source` whose `n` posts (n >= 1) are left unpaired."""
    one = n == 1
    return IngestWarning(PARTIAL_GROUPS.format(n=n, verb="is" if one else "are", their="its" if one else "their",
                                               s="" if one else "s", them="it" if one else "them"), path=source)


def _authors(channel: ET.Element) -> dict[str, str]:
    names = {}
    for elem in channel:
        if elem.tag.startswith(_WP_PREFIX) and elem.tag.endswith("}author"):
            login, display = _wp(elem, "author_login"), _wp(elem, "author_display_name")
            if login and display:
                names[login] = html.unescape(display)
    return names


def _site(channel: ET.Element | None) -> str | None:
    """The blog the export is of: its `wp:base_blog_url`, else the channel's link (WordPress.com's
    `wp:base_site_url` is wordpress.com itself, the same for every blog), without its scheme and
    final slash and in lower case, so two exports of one blog name it alike ('https://Blog.lv/'
    and 'http://blog.lv' are 'blog.lv')."""
    if channel is None:
        return None
    url = _wp(channel, "base_blog_url") or _text(channel, "link") or ""
    return re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).rstrip("/") or None


def _draft(item: ET.Element, *, source: str, label: str, authors: dict[str, str], rules: HtmlRules,
           line: int | None, terms: _Terms, site: str | None = None) -> list[Draft | InputError]:
    """The item's Draft (none for attachments, menu items and the like) and its translation group's
    problems."""
    if (_wp(item, "post_type") or "post") not in _KEEP_TYPES:
        return []
    title = html.unescape(_text(item, "title"))  # WordPress keeps "&amp;" in titles and term names
    label = f"{label} {title!r}" if title else label
    post_id = _wp(item, "post_id") or None
    lang = _category(item, "language")
    lang = terms.lang(lang) if lang else None
    lang, translation_ids, problems = _translation_ids(item, post_id=post_id, lang=lang, terms=terms,
                                                       source=source, label=label, line=line)
    content = shortcodes.drop_autoembeds(_text(item, "content:encoded"), hosts=rules.embed_hosts,
                                         files=rules.embed_files)
    content = shortcodes.strip(content, unwrap=rules.shortcodes_unwrap, drop=rules.shortcodes_drop)
    try:
        tree = htmlpage.parse(content)
    except InputError as exc:
        raise InputError(f"{exc.message} (line {exc.line} of its <content:encoded>)", path=source, line=line,
                         item=label) from None
    paras = htmlpage.paragraphs(tree, rules=rules, blank_lines_break=True)
    notes, problem = _footnotes(item, rules=rules)
    if problem:
        problems.append(InputError(f"{problem}; read without them", path=source, line=line, item=label))
    creator = _text(item, "dc:creator")
    categories = _terms_of(item, "category")
    tags = _terms_of(item, "post_tag")
    meta = {
        "title": title,
        "author": authors.get(creator, creator),
        "date": _wp(item, "post_date") or _text(item, "pubDate"),
        "category": categories[0] if categories else None,
        "categories": categories if len(categories) > 1 else None,
        "tags": tags,
        "link": _text(item, "link"),
        "wp_post_name": urllib.parse.unquote(_wp(item, "post_name") or "") or None,
        "wp_post_id": _wp(item, "post_id"),
        "wp_site": site,  # post ids are per blog: a group member is looked for by both
        "lang": lang,
    }
    group = _category(item, "post_translations")
    polylang = _category(item, "language") is not None or group is not None
    unread = group if terms.unread and group is not None else None
    return [Draft(source=source, paragraphs=(*paras, *notes), meta=meta, item=label, post_id=post_id,
                  translation_ids=translation_ids, translations_complete=polylang, group=group,
                  unread_group=unread), *problems]


def _terms_of(item: ET.Element, domain: str) -> list[str]:
    """The names of the item's categories or tags, as shown ("Bibliotēkas &amp; kopiena" unescaped)."""
    return [html.unescape(c.text.strip()) for c in item.findall("category")
            if c.get("domain") == domain and c.text and c.text.strip()]


def _postmeta(item: ET.Element, key: str) -> str | None:
    for meta in item:
        if meta.tag.startswith(_WP_PREFIX) and meta.tag.endswith("}postmeta") and _wp(meta, "meta_key") == key:
            return _wp(meta, "meta_value")
    return None


def _footnotes(item: ET.Element, *, rules: HtmlRules) -> tuple[list[str], str | None]:
    """The block editor's footnotes (post meta `footnotes`: JSON, a list of {content, id}, the
    content HTML) as paragraphs, and what is wrong with them when they cannot be read."""
    value = _postmeta(item, "footnotes")
    if not value:
        return [], None
    try:
        notes = json.loads(value)
    except (ValueError, RecursionError):  # nested past the parser's depth: as unreadable
        notes = None
    if not isinstance(notes, list) or not all(isinstance(n, dict) and isinstance(n.get("content", ""), str)
                                              for n in notes):
        return [], "its footnotes (wp:postmeta 'footnotes') are not a JSON list of {content, id}"
    paras = []
    for note in notes:
        try:
            text = " ".join(htmlpage.paragraphs(htmlpage.parse(note.get("content") or ""), rules=rules))
        except InputError as exc:
            return [], f"a footnote (wp:postmeta 'footnotes') is malformed HTML: {exc.message}"
        if text:
            paras.append(text)
    return paras, None


def _items_one_by_one(text: str) -> Iterator[tuple[int, str | None, int]]:
    """(item number, item XML or None, line) for each <item> cut out of a broken document."""
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    for n, start in enumerate(starts, 1):
        end = starts[n] if n < len(starts) else len(text)
        chunk = text[start:end]
        close = chunk.rfind("</item>")
        yield n, chunk[:close + len("</item>")] if close >= 0 else None, text.count("\n", 0, start) + 1


def read(text: str, *, source: str,
         rules: HtmlRules | None = None) -> list[Draft | InputError | LeftOut | Inventory]:
    """Drafts for the good items, one InputError per broken item (or for the broken document), a
    LeftOut for each post or page that is not public, and last the export's Inventory. An export
    of posts none of which is public is an IngestWarning (not an error: nothing is wrong with it)."""
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
    items = channel.findall("item")
    authors, terms = _authors(channel), _terms(channel)
    out: list[Draft | InputError] = []
    left_out: Counter[str] = Counter()
    for n, item in enumerate(items, 1):
        out += _item(item, n, source=source, authors=authors, rules=rules, line=None, terms=terms,
                     site=_site(channel), left_out=left_out)
    out = _complete_if_polylang(out)
    if all(isinstance(d, LeftOut) for d in out):  # never a silent success that ingested nothing
        other = len(items) - sum(left_out.values())
        skipped = [_not_public(left_out)] if left_out else []
        skipped += [f"{other} other item{'s' * (other != 1)} skipped"] if other else []
        message = (f"no {'published ' * bool(left_out)}posts or pages in the export "
                   f"({'; '.join(skipped) or 'no <item>s'})")
        if not left_out:  # nothing a blog publishes: not an export of posts
            raise InputError(message, path=source)
        # only posts not public (yet): a warning
        return [IngestWarning(message, path=source), *out, _inventory(items, source=source, channel=channel)]
    _report(left_out, source=source)
    return [*out, _inventory(items, source=source, channel=channel)]


def not_public(item: ET.Element) -> str | None:
    """Why a post or page is not ingested: its status unless it is `publish` (an item that states
    none is published), or `password` for a password-protected one; None for a public one."""
    status = _wp(item, "status") or "publish"
    if status != "publish":
        return status
    return "password" if _wp(item, "post_password") else None


def _not_public(left_out: Counter[str]) -> str:
    """'4 posts not public, left out: 1 draft, 1 private, ...'"""
    order = list(_NOT_PUBLIC)
    counts = sorted(left_out.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))
    total = sum(left_out.values())
    return (f"{total} post{'s' * (total != 1)} not public, left out: "
            + ", ".join(f"{n} {_NOT_PUBLIC.get(status, status)}" for status, n in counts))


def _report(left_out: Counter[str], *, source: str) -> None:
    if left_out:
        log.warning("%s: %s", source, _not_public(left_out))


def _item(item, n, *, source, authors, rules, line, terms, site,
          left_out: Counter[str]) -> list[Draft | InputError | LeftOut]:
    if (_wp(item, "post_type") or "post") in _KEEP_TYPES and (why := not_public(item)) is not None:
        left_out[why] += 1  # counted in one line; ingest names a post file that still publishes it
        title = html.unescape(_text(item, "title"))
        return [LeftOut(source=source, item=f"item {n} {title!r}" if title else f"item {n}", status=why,
                        post_id=_wp(item, "post_id") or None, site=site)]
    try:
        return _draft(item, source=source, label=f"item {n}", authors=authors, rules=rules, line=line, terms=terms,
                      site=site)
    except InputError as exc:
        return [exc]


def _read_broken(text: str, *, source: str, rules: HtmlRules,
                 error: ET.ParseError) -> list[Draft | InputError | LeftOut | Inventory]:
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
    except (ET.ParseError, defusedxml.DefusedXmlException):
        channel = None
    read: list[tuple[int, int, ET.Element | InputError]] = []  # each item, or why it cannot be read
    for n, chunk, item_line in items:
        if chunk is None:
            read.append((n, item_line, InputError("malformed XML: <item> is never closed", path=source,
                                                  line=item_line, item=f"item {n}")))
            continue
        try:
            read.append((n, item_line, _parse(f"{rss}<channel>{chunk}</channel></rss>").find("channel/item")))
        except ET.ParseError as exc:
            where = _error_line(exc)
            read.append((n, item_line, InputError(f"malformed XML: {_reason(exc)}", path=source,
                                                  line=item_line + (where - 1 if where else 0), item=f"item {n}")))
        except defusedxml.DefusedXmlException as exc:
            read.append((n, item_line, InputError(f"refused unsafe XML ({type(exc).__name__})", path=source,
                                                  line=item_line, item=f"item {n}")))
    parsed = [item for _, _, item in read if not isinstance(item, InputError)]
    broken = len(read) - len(parsed)
    authors, terms = _authors(channel) if channel is not None else {}, _terms(channel)
    out: list[Draft | InputError] = []
    left_out: Counter[str] = Counter()
    for n, item_line, item in read:
        if isinstance(item, InputError):
            out.append(item)
            continue
        out += _item(item, n, source=source, authors=authors, rules=rules, line=item_line, terms=terms,
                     site=_site(channel), left_out=left_out)
    _report(left_out, source=source)
    if not broken:  # the items are fine; the damage is elsewhere in the document
        out.append(InputError(f"malformed XML outside the items: {_reason(error)}", path=source, line=line))
    return [*_complete_if_polylang(out), _inventory(parsed, source=source, channel=channel, all_read=not broken)]


def _complete_if_polylang(out: list[Draft | InputError]) -> list[Draft | InputError]:
    """In an export where any item carries Polylang data, every item's translations are its group's."""
    if not any(isinstance(d, Draft) and d.translations_complete for d in out):
        return out
    return [dataclasses.replace(d, translations_complete=True) if isinstance(d, Draft) else d for d in out]
