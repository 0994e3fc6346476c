"""TMX 1.4 translation memories: `dump(units, fp)` writes, `load(fp)` reads text pairs.

The output is plain TMX 1.4 (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, the seven required header
attributes) as translate-toolkit and OmegaT read it: one `<tu>` per unit with its properties as
`<prop type="x-...">` and one `<tuv xml:lang="..."><seg>` per language, the `srclang` side first.

Reading is language-neutral: `load(path, langs=(a, b))` returns (a text, b text) pairs, the bytes
parsed by `lvterm.textio.parse_xml` (decoded as the XML declaration says; defusedxml).
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from typing import IO, Iterable, Mapping, Sequence

from .. import textio
from ..errors import InputError

log = logging.getLogger(__name__)

CREATION_TOOL = "lvterm"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_INLINE_CODE = {"bpt", "ept", "it", "ph", "ut"}  # native codes: their content is not text


@dataclass(frozen=True)
class TMXUnit:
    """One translation unit, language-neutral: its text in each language (`texts`: (language code,
    text) pairs), its properties (type -> value) and an optional id."""

    texts: tuple[tuple[str, str], ...]
    props: tuple[tuple[str, str], ...] = ()
    tuid: str | None = None

    @classmethod
    def of(cls, texts: Mapping[str, str], *, props: Iterable[tuple[str, str]] = (),
           tuid: str | None = None) -> "TMXUnit":
        """A unit from {language: text}: `TMXUnit.of({"lv": "Sveiki!", "en": "Hello!"})`."""
        return cls(texts=tuple(texts.items()), props=tuple(props), tuid=tuid)

    def text(self, lang: str) -> str:
        return dict(self.texts).get(lang, "")


def _esc(text: str, *, attr: bool = False) -> str:
    text = _XML_INVALID.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if attr else text


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("lvterm")
    except Exception:  # pragma: no cover - not installed (running from a checkout)
        return "0"


def dumps(units: Iterable[TMXUnit], *, srclang: str = "en", adminlang: str = "en",
          creationtoolversion: str | None = None, datatype: str = "plaintext") -> str:
    """TMX 1.4 text. `srclang` is the side CAT tools treat as the source; it is written first, the
    other languages after it in alphabetical order. A unit without text in some language is skipped."""
    version = creationtoolversion or _version()
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n',
        '<tmx version="1.4">\n',
        f'  <header creationtool="{CREATION_TOOL}" creationtoolversion="{_esc(version, attr=True)}" '
        f'segtype="sentence" o-tmf="lvterm" adminlang="{_esc(adminlang, attr=True)}" '
        f'srclang="{srclang}" datatype="{_esc(datatype, attr=True)}" o-encoding="UTF-8"/>\n',
        "  <body>\n",
    ]
    for unit in units:
        texts = dict(unit.texts)
        if srclang not in texts:
            raise ValueError(f"srclang {srclang!r} is not a language of the unit ({', '.join(texts)})")
        if len(texts) < 2 or any(not _XML_INVALID.sub("", t).strip() for t in texts.values()):
            continue  # a unit with an empty side is never written
        order = [srclang, *sorted(lang for lang in texts if lang != srclang)]
        tuid = f' tuid="{_esc(unit.tuid, attr=True)}"' if unit.tuid else ""
        out.append(f"    <tu{tuid}>\n")
        for ptype, value in unit.props:
            out.append(f'      <prop type="{_esc(ptype, attr=True)}">{_esc(str(value))}</prop>\n')
        for lang in order:
            text = texts[lang]
            out.append(f'      <tuv xml:lang="{lang}"><seg>{_esc(text)}</seg></tuv>\n')
        out.append("    </tu>\n")
    out.append("  </body>\n</tmx>\n")
    return "".join(out)


def dump(units: Iterable[TMXUnit], fp: IO[str], **options) -> None:
    fp.write(dumps(units, **options))


# --- reading --------------------------------------------------------------------

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _lang(tuv) -> str:
    value = tuv.get(_XML_LANG) or tuv.get("lang") or ""
    return value.replace("_", "-").split("-")[0].lower()


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _seg_text(seg, *, keep_codes: bool = False) -> str:
    """The segment's text: inline markup's text kept, native codes' content (`<ph>%d</ph>`,
    `<bpt>&lt;b&gt;</bpt>`) left out, or kept with `keep_codes` (any depth)."""
    parts: list[str] = []
    stack: list = [seg]
    while stack:
        item = stack.pop()
        if isinstance(item, str):  # the tail of an element already read
            parts.append(item)
            continue
        parts.append(item.text or "")
        for child in reversed(item):
            stack.append(child.tail or "")
            if keep_codes or _local(child.tag) not in _INLINE_CODE:
                stack.append(child)
    return "".join(parts)


def _unit_texts(tu, *, path, n: int, skip_incomplete: bool, keep_codes: bool = False) -> dict[str, str] | None:
    """lang -> segment text of one `<tu>` (the first `<tuv>` of a language wins); None when a
    `<tuv>` has no `<seg>` and `skip_incomplete` says to report and skip such a unit."""
    texts: dict[str, str] = {}
    for tuv in tu:
        if _local(tuv.tag) != "tuv":
            continue
        seg = next((c for c in tuv if _local(c.tag) == "seg"), None)
        if seg is None:
            problem = f"<tuv xml:lang=\"{_lang(tuv)}\"> has no <seg>"
            if not skip_incomplete:
                raise InputError(problem, path=path, item=f"tu {n}")
            log.warning("%s [tu %d]: %s; unit skipped", os.fspath(path) if path else "<tmx>", n, problem)
            return None
        texts.setdefault(_lang(tuv), _seg_text(seg, keep_codes=keep_codes))
    return texts


def loads(data: str | bytes, *, path: str | os.PathLike | None = None,
          langs: Sequence[str] = ("lv", "en"), skip_incomplete: bool = False,
          keep_codes: bool = False) -> list[tuple[str, str]]:
    """(text in langs[0], text in langs[1]) of every `<tu>` that has both languages.

    `keep_codes`: the native codes of inline elements (`<ph>%d</ph>`, `<bpt>&lt;b&gt;</bpt>`, `<ept>`,
    `<it>`, `<ut>`) stay in the text, as a translation memory needs them (a placeholder or markup
    the program needs back); without it only the text is read.

    Raises InputError for XML that does not parse, a file that is not TMX, a `<tuv>` without
    `<seg>` (with `skip_incomplete`, the unit is reported as a warning naming the file and unit,
    and skipped), or a memory without both languages (the wrong language pair).
    """
    root = textio.parse_xml(data, path=path)
    if _local(root.tag) != "tmx":
        raise InputError(f"not a TMX file (root element <{_local(root.tag)}>)", path=path)
    a, b = langs
    pairs: list[tuple[str, str]] = []
    seen_langs: set[str] = set()
    units = [el for el in root.iter() if _local(el.tag) == "tu"]
    for n, tu in enumerate(units, start=1):
        texts = _unit_texts(tu, path=path, n=n, skip_incomplete=skip_incomplete, keep_codes=keep_codes)
        if texts is None:
            continue
        seen_langs.update(texts)
        if texts.get(a, "").strip() and texts.get(b, "").strip():
            pairs.append((texts[a], texts[b]))
    if units and not ({a, b} <= seen_langs):
        found = ", ".join(sorted(seen_langs)) or "none"
        raise InputError(f"wrong language pair: expected {a} and {b}, found {found}", path=path)
    return pairs


def load(fp: IO | str | os.PathLike, *, langs: Sequence[str] = ("lv", "en"),
         skip_incomplete: bool = False, keep_codes: bool = False) -> list[tuple[str, str]]:
    """Read TMX from a binary/text stream or a path (bytes by `textio.read_bytes`) into pairs (see `loads`)."""
    options = {"langs": langs, "skip_incomplete": skip_incomplete, "keep_codes": keep_codes}
    if hasattr(fp, "read"):
        return loads(fp.read(), path=getattr(fp, "name", None), **options)
    return loads(textio.read_bytes(fp), path=fp, **options)


def read_tmx_bitext(path: str | os.PathLike, *, src_lang: str = "lv",
             tgt_lang: str = "en") -> tuple[list[str], list[str]]:
    """(source lines, target lines) from the `<tu>`s of a TMX with both languages, read by
    `load`: a unit with a `<tuv>` without `<seg>` is reported on stderr (file and unit
    number) and skipped; bad XML or the wrong language pair is an InputError naming the file."""
    pairs = load(path, langs=(src_lang, tgt_lang), skip_incomplete=True)
    if not pairs:
        raise InputError(f"no translation units with both {src_lang} and {tgt_lang} text", path=path)
    return [a.strip() for a, _ in pairs], [b.strip() for _, b in pairs]
