"""WordPress shortcodes in post content, dealt with before the HTML is parsed.

WordPress stores `[caption id="attachment_45" ...]<img ...> A caption[/caption]`, `[gallery
ids="46,47"]`, `[youtube URL]` or `[embed]URL[/embed]` in a post's content and expands them only when
it shows the post. Only the names listed in boilerplate.yml (`shortcodes:`) are touched, so square
brackets that are text ("[sic]", "[1]") stay:

- `unwrap` names (caption): the tag goes, its text stays as a paragraph of its own (an old-style
  `caption="..."` attribute is that text when the content holds none);
- `drop` names (gallery, youtube, embed, ...): the tag goes, and with it what it encloses when it
  is closed (`[embed]URL[/embed]`);
- `[[gallery]]`, WordPress' way of writing a shortcode as text, becomes `[gallery]`.

Line ends inside what is removed are kept, so a line number in the content stays right. One pass
over the text; each closing tag is found by bisection in a list made in one more pass,
so the work is linear in the content (times a logarithm), whatever it holds.

WordPress also turns a bare URL into an embed when it shows the post (oEmbed "autoembed"): a URL
alone on its line, or alone in a <p>, of a provider it knows (YouTube, Vimeo, ...), or ending in an
audio or video file's extension (its players). `drop_autoembeds` takes those URLs out, with the
hosts and extensions of boilerplate.yml (`autoembeds:`); a URL inside a sentence stays, and so
does a bare URL of any other site (WordPress shows it as a link).

The block editor's file block links a file under a title WordPress fills in with the file's name
(`anketa-2024` for anketa-2024.pdf), which the author may replace with a real one ("Lietošanas
noteikumi"); `names_its_file` tells the two apart (ingest.htmlpage keeps only a real title).
"""
from __future__ import annotations

import bisect
import html
import re
import urllib.parse
from collections.abc import Collection

from ..lang.folding import fold

_CAPTION = r"""\bcaption\s*=\s*(?:"([^"]*)"|'([^']*)'"""  # a `caption` attribute's quoted value
_ATTR_CAPTION = re.compile(_CAPTION + ")", re.IGNORECASE)  # WordPress: attribute names in any case
_HUGO_CAPTION = re.compile(_CAPTION + r"|`([^`]*)`)")  # Hugo: as written, or a `raw string`
_TEXT = re.compile(r"<[^>]*>")


def caption(attributes: str, *, hugo: bool = False) -> str | None:
    """The value of the `caption="..."` (or '...') attribute in a shortcode tag's `attributes`, as
    written; None when there is none. WordPress' attribute names are read in any case; `hugo`:
    Hugo's, as written, with a `raw string` value too."""
    m = (_HUGO_CAPTION if hugo else _ATTR_CAPTION).search(attributes)
    return next(g for g in m.groups() if g is not None) if m else None


def _names(names: Collection[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))


def strip(content: str, *, unwrap: Collection[str] = (), drop: Collection[str] = ()) -> str:
    """`content` with the listed shortcodes unwrapped or dropped (see the module)."""
    unwrap = {n.lower() for n in unwrap}
    drop = {n.lower() for n in drop}
    known = unwrap | drop
    if not known or "[" not in content:
        return content
    names = _names(known)
    opening = re.compile(rf"\[(\[?)({names})(?![\w-])([^\[\]]*?)(/?)\](\]?)", re.IGNORECASE)
    closings: dict[str, list[tuple[int, int]]] = {}
    for m in re.finditer(rf"\[/({names})\]", content, re.IGNORECASE):
        closings.setdefault(m.group(1).lower(), []).append((m.start(), m.end()))
    starts = {name: [s for s, _ in spans] for name, spans in closings.items()}
    out: list[str] = []
    pos = 0
    for m in opening.finditer(content):
        if m.start() < pos:  # inside a shortcode already dropped or unwrapped
            continue
        out.append(content[pos:m.start()])
        pos = m.end()
        name = m.group(2).lower()
        if m.group(1) and m.group(5):  # [[name ...]]: the shortcode written as text
            out.append(m.group(0)[1:-1])
            continue
        out.append(m.group(1))  # a lone "[" before the tag is text
        inner = ""
        if not m.group(4):  # not self-closing: enclosing when a closing tag follows
            spans = closings.get(name, [])
            k = bisect.bisect_left(starts.get(name, []), m.end())
            if k < len(spans):
                inner, pos = content[m.end():spans[k][0]], spans[k][1]
        lines = content.count("\n", m.start(), pos)  # kept, so a line number in the content stays right
        if name in unwrap:
            if not _TEXT.sub("", inner).strip():
                attr = caption(m.group(3))
                inner = html.escape(html.unescape(attr), quote=False) if attr is not None else ""
            if inner.strip():
                out.append(f"<p>{inner}</p>")
                lines -= inner.count("\n")
        out.append("\n" * lines)
        if m.group(5):
            out.append(m.group(5))
    out.append(content[pos:])
    return "".join(out)


# WordPress' own patterns (WP_Embed::autoembed): a URL alone on its line, or alone in a <p>
_URL = r"""(https?://[^\s<>"]+)"""
_OWN_LINE = re.compile(rf"^([ \t]*){_URL}([ \t]*)$", re.MULTILINE | re.IGNORECASE)
_OWN_PARAGRAPH = re.compile(rf"(<p(?:\s[^<>]*)?>[ \t\n]*){_URL}([ \t\n]*</p>)", re.IGNORECASE)


def is_autoembed(url: str, *, hosts: Collection[str] = (), files: Collection[str] = ()) -> bool:
    """Whether WordPress shows a bare `url` as an embed: its host is one of `hosts` or below one
    (www.youtube.com, m.youtube.com for youtube.com), or it ends in one of the extensions `files`."""
    try:
        host = urllib.parse.urlsplit(html.unescape(url)).hostname or ""
    except ValueError:  # "http://[x": no URL a provider would take
        return False
    labels = host.lower().split(".")
    return (any(".".join(labels[i:]) in hosts for i in range(len(labels)))
            or url.rsplit(".", 1)[-1].lower() in files)


def drop_autoembeds(content: str, *, hosts: Collection[str] = (), files: Collection[str] = ()) -> str:
    """`content` without the bare URLs WordPress shows as embeds (see the module and
    `is_autoembed`); the line ends around them stay, so an embed between two lines of text leaves a
    blank line there: they are two paragraphs, as the post shows them, not one."""
    hosts = {h.lower().strip(".") for h in hosts}
    files = {f.lower().lstrip(".") for f in files}
    if not (hosts or files) or "://" not in content:
        return content

    def drop(m: re.Match) -> str:
        url = m.group(2)
        if not is_autoembed(url, hosts=hosts, files=files):
            return m.group(0)
        return m.group(1) + m.group(3)

    return _OWN_PARAGRAPH.sub(drop, _OWN_LINE.sub(drop, content))


_FILE_NAME_SHAPE = re.compile(r"\S*[-_.\d]\S*")  # one "word" with a hyphen, underscore, dot or digit


def names_its_file(text: str, *, hrefs: Collection[str] = ()) -> bool:
    """Whether a file block's link `text` is only the file's own name, not a title: one word (no
    white space) equal, after folding, to the name of a file in `hrefs` without its extension
    ("Nolikums" for /uploads/nolikums.pdf), or shaped like a file name, with a hyphen, underscore,
    dot or digit (anketa-2024, IMG_1234, report_final.pdf). A title in words ("Lietošanas
    noteikumi", "Darbības pārskats 2012. gadā") is the post's text, whatever the file is called,
    and so is a word ending in a period ("Nolikums."): a file's name never ends in one (WordPress
    trims it from the names of the files it stores)."""
    text = text.strip()
    if not text or any(ch.isspace() for ch in text) or text.endswith("."):
        return False
    if _FILE_NAME_SHAPE.fullmatch(text):
        return True
    for href in hrefs:
        try:
            name = urllib.parse.unquote(urllib.parse.urlsplit(href).path.rsplit("/", 1)[-1])
        except ValueError:  # "http://[x": no file to compare with
            continue
        if fold(name.rsplit(".", 1)[0] if "." in name else name) == fold(text):
            return True
    return False
