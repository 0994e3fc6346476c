"""Reader for a saved HTML post page (WordPress themes and similar), and HTML fragments (WXR content).

The page is parsed with the standard library's tolerant HTMLParser into a small tree, but structure
is checked: an end tag that closes nothing, an element left open where the end tag is required, or a
tag cut off at the end of the file is "malformed HTML" (an InputError with the line). End tags that
HTML lets you omit (p, li, td, ...) may be omitted. Elements nested more than `MAX_DEPTH` deep are
malformed too (no post nests so deep; browsers stop nesting at 512). Building the tree is linear in
the page (open elements are counted per tag, never searched), and every walk over it is a loop,
never a recursion.

Where the post is and what is furniture comes from the `html:` section of boilerplate.yml: the
title from an element with a title class (entry-title), the language from `<html lang>` (else
`og:locale` or a Content-Language meta), the body from an element with a content
class (entry-content), else <article>, <main> or <body>; elements with a drop class or drop tag are
skipped. Block elements and <br> end paragraphs; inline text is joined exactly as the page shows it
(adjacent links stay glued: cleaning repairs them and records the repair).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import InputError
from .draft import Draft
from .rules import HtmlRules, default_rules

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
OPTIONAL_END = frozenset("p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rp "
                         "html head body".split())
CLOSES_P = frozenset("address article aside blockquote details div dl fieldset figcaption figure footer form "
                     "h1 h2 h3 h4 h5 h6 header hr main nav ol p pre section table ul".split())
BLOCK = frozenset("address article aside blockquote dd details div dl dt fieldset figcaption figure footer "
                  "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr "
                  "ul body html caption".split())
_RAW_TEXT = frozenset({"script", "style"})
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


def paragraphs(node: Node, *, rules: HtmlRules, blank_lines_break: bool = False) -> list[str]:
    """Text paragraphs of `node`: block elements and <br> break; drop classes and tags are skipped.

    With `blank_lines_break`, blank lines in text also break (WordPress stores post content without
    <p> tags and adds them when showing it)."""
    out: list[str] = []
    current: list[str] = []

    def flush():
        text = collapse("".join(current))
        if text:
            out.append(text)
        current.clear()

    end_of_block = object()
    stack: list = list(reversed(node.children))  # no recursion: pages nested to any depth
    while stack:
        child = stack.pop()
        if child is end_of_block:
            flush()
            continue
        if isinstance(child, str):
            if blank_lines_break:
                pieces = re.split(r"\n[ \t]*\n", child)
                for k, piece in enumerate(pieces):
                    if k:
                        flush()
                    current.append(piece)
            else:
                current.append(child)
            continue
        if child.tag in rules.drop_tags or child.tag in _RAW_TEXT or child.classes & rules.drop_classes:
            continue
        if child.tag in ("br", "hr"):
            flush()
            continue
        if child.tag == "img":
            continue
        if child.tag in BLOCK:
            flush()
            stack.append(end_of_block)
        stack.extend(reversed(child.children))
    flush()
    return out


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
            if "category" in rel:
                found.setdefault("category", _text_of(node))
            elif "author" in rel:
                found.setdefault("author", _text_of(node))
    return found


def read(text: str, *, source: str, rules: HtmlRules | None = None) -> list[Draft]:
    rules = rules or default_rules().html
    root = parse(text, path=source)
    if not any(isinstance(n, Node) and n.tag != "#root" for n in root.iter()):
        raise InputError("malformed HTML: no HTML elements", path=source, line=1)
    wanted = set(rules.content_classes)
    content = (root.find(lambda n: n.classes & wanted) or root.find(lambda n: n.tag == "article")
               or root.find(lambda n: n.tag == "main") or root.find(lambda n: n.tag == "body") or root)
    titles = set(rules.title_classes)
    title_node = root.find(lambda n: n.classes & titles and n.tag not in ("body", "article", "html"))
    if title_node is None:
        title_node = content.find(lambda n: n.tag == "h1") or root.find(lambda n: n.tag == "h1")
    title = _text_of(title_node) if title_node is not None else ""
    if not title:
        head_title = root.find(lambda n: n.tag == "title")
        title = re.split(r"\s+[|–—-]\s+", _text_of(head_title))[0] if head_title is not None else ""
    paras = paragraphs(content, rules=rules)
    if title_node is not None and paras and paras[0] == title:
        paras = paras[1:]  # the heading sits inside the content element
    meta = {**_meta(root), "title": title}
    return [Draft(source=source, paragraphs=tuple(paras), meta=meta)]
