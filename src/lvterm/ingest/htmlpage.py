"""Reader for a saved HTML post page (WordPress themes and similar), and HTML fragments (WXR content).

The page is parsed with the standard library's tolerant HTMLParser into a small tree, but structure
is checked: an end tag that closes nothing, an element left open where the end tag is required, or a
tag cut off at the end of the file is "malformed HTML" (an InputError with the line). End tags that
HTML lets you omit (p, li, td, ...) may be omitted. Elements nested more than `MAX_DEPTH` deep are
malformed too (no post nests so deep; browsers stop nesting at 512). Building the tree is linear in
the page (open elements are counted per tag, never searched), and every walk over it is a loop,
never a recursion.

Where the post is and what is furniture comes from the `html:` section of boilerplate.yml: the
title from an element with a title class (entry-title), else `og:title`, else the page's <title>
without the blog's name ("Post | Blog", "Post – Blog", Kubrick's "Blog » Post"), else a heading of
the content; the language from `<html lang>` (else `og:locale` or a Content-Language meta), the body
from an element with a content class (entry-content; the classes in their order), else <article>,
<main> or <body>; elements with a drop class or drop tag are skipped, and those with a meta class
(Kubrick's postmetadata) too, their text handed to cleaning's metadata rules only. A file block (a
file class: wp-block-file) is a paragraph of its own, left out when it is only the file's name
(`shortcodes.names_its_file`), its download link (<a download>) skipped. Block elements
and <br> end paragraphs; inline text is joined exactly as the page shows it (adjacent links stay
glued: cleaning repairs them and records the repair). A table row is one paragraph, its cells
joined by " · " (a tab would be white space, which every later step collapses, and a term could
then run from one cell into the next). Footnote markers (a <sup> linking to "#fn1") and footnote
back-links ("↩") are left out; the footnotes' own text stays.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError
from .draft import Draft
from .rules import HtmlRules, default_rules
from .shortcodes import names_its_file

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
OPTIONAL_END = frozenset("p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp "
                         "html head body".split())
CLOSES_P = frozenset("address article aside blockquote details div dl fieldset figcaption figure footer form "
                     "h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul".split())
BLOCK = frozenset("address article aside blockquote dd details div dl dt fieldset figcaption figure footer "
                  "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr "
                  "ul body html caption".split())
_RAW_TEXT = frozenset({"script", "style"})
CELL_SEPARATOR = " · "
_CELL = object()  # where a table cell starts in a paragraph being gathered
_NOTE_ID = re.compile(r"(?:fn|footnote|note)[\w:-]*", re.IGNORECASE)
MAX_DEPTH = 10_000  # open elements at once: far above any real page, far below 100k (linear anyway)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")


def collapse(text: str) -> str:
    """HTML whitespace rules: runs of ASCII white space are one space; a no-break space is text."""
    return _HTML_SPACE.sub(" ", text).strip(" ")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    children: list = field(default_factory=list)  # Node or str

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self):
        """This node and every element below it, in document order (no recursion: any depth)."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))

    def find(self, pred) -> "Node | None":
        return next((n for n in self.iter() if pred(n)), None)


class _Malformed(Exception):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 1)
        self.stack = [self.root]
        self.open: Counter[str] = Counter()  # tag -> elements of it on the stack

    def _push(self, node: Node) -> None:
        if len(self.stack) > MAX_DEPTH:
            raise _Malformed(f"elements nested more than {MAX_DEPTH} deep", node.line)
        self.stack.append(node)
        self.open[node.tag] += 1

    def _pop_to(self, depth: int) -> None:
        """Close every element from stack position `depth` up."""
        for node in self.stack[depth:]:
            self.open[node.tag] -= 1
        del self.stack[depth:]

    def _close_p_if_open(self):
        if self.open["p"]:
            while self.stack[-1].tag != "p":
                top = self.stack[-1]
                if top.tag not in OPTIONAL_END:
                    return  # <p><span><div>: browsers nest; so do we
                self._pop_to(len(self.stack) - 1)
            self._pop_to(len(self.stack) - 1)

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag in CLOSES_P:
            self._close_p_if_open()
        if tag in ("li", "dt", "dd", "tr", "td", "th", "option") and self.stack[-1].tag == tag:
            self._pop_to(len(self.stack) - 1)
        node = Node(tag, {k: v or "" for k, v in attrs}, line)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self._push(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.getpos()[0])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        line = self.getpos()[0]
        if tag in VOID:
            return
        if not self.open[tag]:
            if tag in ("p", "html", "head", "body"):
                return  # a stray </p> makes an empty paragraph in browsers; nothing is lost
            raise _Malformed(f"</{tag}> closes no open element", line)
        depth = len(self.stack) - 1
        while self.stack[depth].tag != tag:  # it is open: the elements above it are closed with it
            depth -= 1
        for node in self.stack[depth + 1:]:
            if node.tag not in OPTIONAL_END:
                raise _Malformed(f"</{tag}> while <{node.tag}> from line {node.line} is still open", line)
        self._pop_to(depth)

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def finish(self):
        cut = re.search(r"<[/!?a-zA-Z]", self.rawdata)
        rest = self.rawdata[cut.start():] if cut else ""
        if rest:
            raise _Malformed(f"tag cut off: {rest[:30]!r}", self.getpos()[0])
        self.close()
        for node in self.stack[1:]:
            if node.tag not in OPTIONAL_END:
                raise _Malformed(f"<{node.tag}> is never closed", node.line)


def parse(text: str, *, path: str | None = None, item: str | None = None) -> Node:
    """Parse HTML into a Node tree; raise InputError with the line on malformed structure."""
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.finish()
    except _Malformed as exc:
        raise InputError(f"malformed HTML: {exc}", path=path, line=exc.line, item=item) from None
    return builder.root


def _text_of(node: Node) -> str:
    """The element's text as shown: inline children joined as they are, then white space collapsed."""
    parts = []
    stack = list(reversed(node.children))
    while stack:
        child = stack.pop()
        if isinstance(child, str):
            parts.append(child)
        elif child.tag not in _RAW_TEXT:
            stack.extend(reversed(child.children))
    return collapse("".join(parts))


def _is_note_mark(node: Node) -> bool:
    """A footnote marker (<sup><a href="#fn1">1</a></sup>, the block editor's <sup data-fn>) or a
    footnote's back-link (<a href="#fn1-link">↩</a>): page furniture, not the text."""
    if node.tag == "sup":  # its own children only: a walk per <sup> would be quadratic in nested ones
        return ("data-fn" in node.attrs or "fn" in node.classes
                or any(isinstance(c, Node) and c.tag == "a" and c.attrs.get("href", "").startswith("#")
                       for c in node.children))
    if node.tag == "a" and node.attrs.get("href", "").startswith("#"):
        return all(isinstance(c, str) for c in node.children) and not any(
            ch.isalnum() for c in node.children for ch in c)
    return False


def _children(node: Node) -> list:
    """The node's children, less the number that opens a footnote (<p id="fn1"><sup>1</sup> ...)."""
    children = node.children
    if _NOTE_ID.fullmatch(node.attrs.get("id", "")):
        first = next((k for k, c in enumerate(children) if not (isinstance(c, str) and not c.strip())), None)
        sup = children[first] if first is not None else None
        if isinstance(sup, Node) and sup.tag == "sup" and all(isinstance(c, str) for c in sup.children) \
                and "".join(sup.children).strip(" .)").isdigit():
            return children[:first] + children[first + 1:]
    return children


@dataclass
class _FileBlock:
    """The end of a file block being walked: where its text starts in the paragraphs, its links."""
    start: int
    hrefs: list[str] = field(default_factory=list)


def paragraphs(node: Node, *, rules: HtmlRules, blank_lines_break: bool = False) -> list[str]:
    """Text paragraphs of `node`: block elements and <br> break; drop classes and tags are skipped,
    and so are meta classes (`meta_texts` reads those). A table row is one paragraph, its cells
    joined by CELL_SEPARATOR. A file block (`rules.file_classes`) breaks too; its download link goes,
    and its text when that is one paragraph naming only the file (`names_its_file`).

    With `blank_lines_break`, blank lines in text also break (WordPress stores post content without
    <p> tags and adds them when showing it)."""
    out: list[str] = []
    current: list = []
    rows = 0  # table rows open: blocks inside a row do not break it
    files: list[_FileBlock] = []  # file blocks open (outside table rows), the innermost last

    def flush():
        if _CELL in current:
            cells, cell = [], []
            for part in [*current, _CELL]:
                if part is _CELL:
                    cells.append(collapse("".join(cell)))
                    cell = []
                else:
                    cell.append(part)
            text = CELL_SEPARATOR.join(c for c in cells if c)
        else:
            text = collapse("".join(current))
        if text:
            out.append(text)
        current.clear()

    def brk():
        if rows:
            current.append(" ")
        else:
            flush()

    end_of_block, end_of_row = object(), object()
    stack: list = list(reversed(node.children))  # no recursion: pages nested to any depth
    while stack:
        child = stack.pop()
        if child is end_of_block:
            brk()
            continue
        if child is end_of_row:
            rows -= 1
            if not rows:
                flush()
            continue
        if isinstance(child, _FileBlock):
            flush()
            files.pop()
            if len(out) == child.start + 1 and names_its_file(out[-1], hrefs=child.hrefs):
                del out[-1]
            continue
        if isinstance(child, str):
            if blank_lines_break:
                pieces = re.split(r"\n[ \t]*\n", child)
                for k, piece in enumerate(pieces):
                    if k:
                        brk()
                    current.append(piece)
            else:
                current.append(child)
            continue
        if (child.tag in rules.drop_tags or child.tag in _RAW_TEXT or child.classes & rules.drop_classes
                or child.classes & rules.meta_classes or _is_note_mark(child)):
            continue
        if files and child.tag == "a":
            if "download" in child.attrs:  # the file block's button, whatever its class
                continue
            if child.attrs.get("href"):
                files[-1].hrefs.append(child.attrs["href"])
        if child.classes & rules.file_classes and not rows:
            flush()
            files.append(_FileBlock(len(out)))
            stack.append(files[-1])
        if child.tag in ("br", "hr"):
            brk()
            continue
        if child.tag == "img":
            continue
        if child.tag == "tr":
            if rows:
                current.append(_CELL)
            else:
                flush()
            rows += 1
            stack.append(end_of_row)
        elif child.tag in ("td", "th") and rows:
            current.append(_CELL)
        elif child.tag in BLOCK:
            brk()
            stack.append(end_of_block)
        stack.extend(reversed(_children(child)))
    flush()
    return out


def meta_texts(node: Node, *, rules: HtmlRules) -> list[str]:
    """The text of each element with a meta class, for the metadata rules (one inside another is
    part of the outer one's text: each element is walked once)."""
    found = []
    plain = dataclasses.replace(rules, meta_classes=frozenset())
    stack = [node]
    while stack:
        n = stack.pop()
        if n.classes & rules.meta_classes:
            found.append(" ".join(paragraphs(Node("#meta", {}, n.line, [n]), rules=plain)))
            continue
        stack.extend(c for c in reversed(n.children) if isinstance(c, Node))
    return [t for t in found if t]


def _meta(root: Node) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in root.iter():
        if node.tag == "html":  # the page's language: <html lang="lv-LV"> (XHTML: xml:lang)
            lang = (node.attrs.get("lang") or node.attrs.get("xml:lang") or "").strip()
            if lang:
                found.setdefault("lang", lang)
        elif node.tag == "meta":
            key = node.attrs.get("name") or node.attrs.get("property") or ""
            value = (node.attrs.get("content") or "").strip()
            if not value:
                continue
            if key == "og:locale" or (node.attrs.get("http-equiv") or "").lower() == "content-language":
                found.setdefault("lang", value.split(",")[0].strip())
            elif key == "author":
                found.setdefault("author", value)
            elif key in ("article:published_time", "date", "dc.date"):
                found.setdefault("date", value)
            elif key == "og:url":
                found.setdefault("link", value)
        elif node.tag == "link" and node.attrs.get("rel") == "canonical" and node.attrs.get("href"):
            found.setdefault("link", node.attrs["href"])
        elif node.tag == "time" and node.attrs.get("datetime"):
            found.setdefault("date", node.attrs["datetime"])
        elif node.tag == "a":
            rel = set((node.attrs.get("rel") or "").split())
            if "category" in rel and "category" not in found:  # the first only: nested links stay linear
                found["category"] = _text_of(node)
            elif "author" in rel and "author" not in found:
                found["author"] = _text_of(node)
    return found


_SEPARATORS = ("|", "–", "—", "-", "»", "«", "::", "·", "•", "~")
# between single spaces: `collapse` has made every run of white space one (a linear search)
_SEPARATOR = re.compile(" (?:" + "|".join(map(re.escape, _SEPARATORS)) + ") ")
_ROOT_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?(?://[^/?#]+)?/?", re.IGNORECASE)
_SITE_IDS = frozenset({"site-title", "blog-title", "site-name", "blog-name", "logo"})
_MAX_SITE_NAMES = 20


def site_names(root: Node) -> set[str]:
    """What the page calls its blog: `og:site_name`, the text of its home links (`rel="home"`, a
    link to the site's root) and of an element with id or class site-title (the first
    `_MAX_SITE_NAMES` of these: the header comes first, and the bound keeps nested links linear)."""
    names: set[str] = set()
    looked = 0
    for node in root.iter():
        if node.tag == "meta" and node.attrs.get("property") == "og:site_name":
            names.add(collapse(node.attrs.get("content") or ""))
        elif looked < _MAX_SITE_NAMES and (
                (node.tag == "a" and ("home" in (node.attrs.get("rel") or "").split()
                                      or _ROOT_URL.fullmatch(node.attrs.get("href") or "#")))
                or node.attrs.get("id") in _SITE_IDS or node.classes & _SITE_IDS):
            looked += 1
            names.add(_text_of(node))
    return {n for n in names if n}


def page_title(text: str, *, sites: set[str] | frozenset[str] = frozenset()) -> str:
    """A page's <title> without its blog's name: a name in `sites` taken off either end ("Post |
    Blog", "Blog » Post"), else the text before the last separator (" | ", " – ", " - "), or after
    the last " » " (the old WordPress default, "Blog » Post"). "" when the title is the blog's name."""
    text = collapse(text)
    for name in sorted(sites, key=len, reverse=True):
        if text == name:
            return ""
        for sep in _SEPARATORS:
            if text.endswith(f" {sep} {name}") and len(text) > len(name) + len(sep) + 2:
                return text[:-len(name) - len(sep) - 2]
            if text.startswith(f"{name} {sep} ") and len(text) > len(name) + len(sep) + 2:
                return text[len(name) + len(sep) + 2:]
    separators = list(_SEPARATOR.finditer(text))
    if not separators:
        return text
    last = separators[-1]
    return text[last.end():] if last.group().strip() == "»" else text[:last.start()]


def _title(root: Node, content: Node, *, rules: HtmlRules) -> str:
    """The post's title: a title class, `og:title`, the <title> (see `page_title`), a heading."""
    classes = set(rules.title_classes)
    node = root.find(lambda n: n.classes & classes and n.tag not in ("body", "article", "html"))
    if node is not None and (text := _text_of(node)):
        return text
    sites = site_names(root)
    og = root.find(lambda n: n.tag == "meta" and n.attrs.get("property") == "og:title"
                   and (n.attrs.get("content") or "").strip())
    if og is not None:
        title = page_title(og.attrs["content"], sites=sites) if sites else collapse(og.attrs["content"])
        if title:
            return title
    head = root.find(lambda n: n.tag == "title")
    if head is not None and (title := page_title(_text_of(head), sites=sites)):
        return title
    for where, tag in ((content, "h1"), (content, "h2"), (root, "h1")):
        node = where.find(lambda n, tag=tag: n.tag == tag)
        if node is not None and (text := _text_of(node)):
            return text
    return ""


def read(text: str, *, source: str, rules: HtmlRules | None = None) -> list[Draft]:
    rules = rules or default_rules().html
    root = parse(text, path=source)
    if not any(isinstance(n, Node) and n.tag != "#root" for n in root.iter()):
        raise InputError("malformed HTML: no HTML elements", path=source, line=1)
    content = next((found for cls in rules.content_classes
                    if (found := root.find(lambda n, cls=cls: cls in n.classes)) is not None), None)
    content = (content or root.find(lambda n: n.tag == "article") or root.find(lambda n: n.tag == "main")
               or root.find(lambda n: n.tag == "body") or root)
    title = _title(root, content, rules=rules)
    paras = paragraphs(content, rules=rules)
    if paras and title and paras[0] == title:
        paras = paras[1:]  # the heading sits inside the content element
    meta = {**_meta(root), "title": title}
    return [Draft(source=source, paragraphs=tuple(paras), meta=meta,
                  meta_paragraphs=tuple(meta_texts(root, rules=rules)))]
