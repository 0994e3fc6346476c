"""Cleaning: a reader's Draft -> a Post.

1. Boilerplate rules (data, see rules.py) drop page furniture and turn lines into metadata.
2. The title is the format's own, or (scraped text) the first paragraph no rule claims.
3. Unicode NFC normalisation of each body paragraph, recorded as `normalise-unicode` repairs.
4. Glued link texts are split ("biedrībuLatvijas" -> "biedrību Latvijas"), recorded as
   `split-glued-link` repairs. Nothing else in the body is changed.

Repair offsets: a `normalise-unicode` offset is into the paragraph as received; a
`split-glued-link` offset is into the paragraph after normalisation (the same text when the input
was NFC already, as it almost always is).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from ..errors import InputError
from ..formats import post as post_format
from ..models import Post, Repair
from ..textio import tidy, to_nfc
from . import detect
from .dates import iso_date
from .draft import Draft
from .rules import GluedRules, Rules, RuleSet, default_rules

# --- boilerplate and metadata ------------------------------------------------------------------


#: Fields a rule finds as a comma-separated line ("Birkas: e-katalogs, ALEPH") and a format as a list.
_LIST_FIELDS = ("tags", "categories")


def _claim(paragraph: str, rulesets: Iterable[RuleSet]) -> tuple[str, Any]:
    """What a rule makes of one paragraph: ("drop", None), ("meta", fields), ("header", fields) (a
    `header` meta rule: metadata only in the page header, see `_header`), ("label", field),
    ("block", BlockRule), ("body", None)."""
    for rs in rulesets:
        if any(p.match(paragraph) for p in rs.drop):
            return "drop", None
        for rule in rs.meta:
            m = rule.pattern.match(paragraph)
            if m:
                fields: dict[str, Any] = {k: v.strip() for k, v in m.groupdict().items() if v and v.strip()}
                for key in _LIST_FIELDS:
                    if key in fields:
                        fields[key] = [t.strip() for t in fields[key].split(",") if t.strip()]
                if rule.whole:
                    fields[rule.whole] = paragraph
                return ("header" if rule.header else "meta"), fields
        for rule in rs.label:
            if rule.pattern.match(paragraph):
                return "label", rule.next
        for rule in rs.block:
            if rule.pattern.match(paragraph):
                return "block", rule
    return "body", None


#: A scraped page's header: its title is the last of at most this many short lines before the date.
_HEADER_LINES, _HEADLINE_LENGTH = 6, 150


def _header(flat: list[str], claims: list[tuple[str, Any]], *, title_in_body: bool
            ) -> tuple[int | None, list[int], int | None]:
    """A page's header: where its title is (with `title_in_body`), the lines above the title to
    drop, and the header's date line (the only paragraph a `header` rule claims: the others are text).

    The title is the first paragraph no rule claims; it is the last of the paragraphs no rule
    claims before the first date line ("2012. gada 20. janvāris", "Posted on ...") only when those
    are short lines ending in no full stop (at most `_HEADER_LINES`) and the page shows the ones
    above it are furniture: three such lines (blog name, tagline, title), or the first repeated on
    the page. The date line is the header's when nothing but the title and those dropped lines
    comes before it; a date line after the body's first text is text."""
    body = [i for i, (kind, _) in enumerate(claims) if kind == "body"]
    dated = next((i for i, (kind, value) in enumerate(claims) if kind in ("meta", "header") and "date" in value),
                 None)
    before = [i for i in body if dated is not None and i < dated]
    title = (body[0] if body else None) if title_in_body else None
    dropped: list[int] = []
    if (title_in_body and len(before) > 1 and len(before) <= _HEADER_LINES
            and all(len(flat[i]) <= _HEADLINE_LENGTH and not flat[i].endswith(".") for i in before)
            and (len(before) >= 3 or flat.count(flat[before[0]]) > 1)):
        title, dropped = before[-1], before[:-1]
    in_header = dated is not None and all(i == title or i in dropped for i in before)
    return title, dropped, dated if in_header else None


def _block_end(start: int, rule, flat: list[str], claims: list[tuple[str, Any]]) -> int:
    """The index after a block that a block rule's heading at `start` opens (see rules.BlockRule)."""
    end = start + 1
    while end < len(flat) and end - start <= rule.max:
        if not any(p.match(flat[end]) for p in rule.inside) and claims[end][0] in ("drop", "label", "block"):
            break
        end += 1
    return end


def split_boilerplate(paragraphs: Iterable[str], *, rulesets: Iterable[RuleSet],
                      title_in_body: bool = False) -> tuple[list[str], dict[str, Any]]:
    """Body paragraphs and the metadata the rules found (first value of a field wins). With
    `title_in_body` (scraped page text) the title is found among the paragraphs (`_header`)."""
    rulesets = tuple(rulesets)
    paras = [p.strip() for p in paragraphs if p.strip()]
    # Rules and metadata see NFC text with its whitespace collapsed; the body keeps the text as received.
    flat = [tidy(to_nfc(p)) for p in paras]
    claims = [_claim(f, rulesets) for f in flat]
    title_at, header, dated = _header(flat, claims, title_in_body=title_in_body)
    claims = [("meta" if i == dated else "body", value) if kind == "header" else (kind, value)
              for i, (kind, value) in enumerate(claims)]
    body: list[str] = []
    found: dict[str, Any] = {}
    skip_to = 0
    for i, (para, (kind, value)) in enumerate(zip(paras, claims)):
        if i < skip_to or i in header:
            continue
        if kind == "meta":
            for key, val in value.items():
                found.setdefault(key, val)
        elif kind == "label":
            if i + 1 < len(paras) and claims[i + 1][0] == "body":
                found.setdefault(value, flat[i + 1])
                skip_to = i + 2
        elif kind == "block":
            skip_to = _block_end(i, value, flat, claims)
        elif kind == "body":
            if i == title_at:
                found["title"] = flat[i]
            else:
                body.append(para)
    return body, found


def metadata_of(paragraphs: Iterable[str], *, rulesets: Iterable[RuleSet]) -> dict[str, Any]:
    """The metadata the meta rules find in page furniture (`Draft.meta_paragraphs`); the rest goes."""
    rulesets = tuple(rulesets)
    found: dict[str, Any] = {}
    for para in paragraphs:
        kind, value = _claim(tidy(to_nfc(para)), rulesets)
        if kind in ("meta", "header"):
            for key, val in value.items():
                found.setdefault(key, val)
    return found


# --- dates and slugs -----------------------------------------------------------------------------

_APOSTROPHES = re.compile("['\u2019\u02bc\u2018`\u00b4]")


def slugify(text: str, *, max_length: int = post_format.SLUG_MAX_LENGTH) -> str:
    """ASCII slug: diacritics folded, lower case, hyphens. 'CPD23 #5: sociālie tīkli' -> 'cpd23-5-socialie-tikli';
    apostrophes go first ("Children's" -> 'childrens', not 'children-s').

    At most `max_length` characters, cut at a word end where there is one: a long title still
    names a file (a 259-character title is no "File name too long")."""
    decomposed = unicodedata.normalize("NFKD", _APOSTROPHES.sub("", text.casefold()))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return shorten_slug(re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-"), max_length=max_length)


def shorten_slug(slug: str, *, max_length: int = post_format.SLUG_MAX_LENGTH) -> str:
    """`slug` cut to at most `max_length` characters, at its last hyphen inside the bound if any."""
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length + 1].rfind("-")
    return (slug[:cut] if cut > 0 else slug[:max_length]).strip("-")


# --- glued link texts ----------------------------------------------------------------------------

_CHUNK = re.compile(r"\S+")
_EDGE = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)


def _standalone_tokens(texts: Iterable[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for text in texts:
        for chunk in _CHUNK.findall(text):
            core = _EDGE.match(chunk).group(2)
            if core:
                counts[core] = counts.get(core, 0) + 1
    return counts


def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, lang)
    except LookupError:  # a language wordfreq does not cover
        return 0.0


class _Evidence:
    """Whether a part of a glued token stands alone: in this post, or in the language's word list."""

    def __init__(self, counts: dict[str, int], *, lang: str, rules: GluedRules):
        self.counts = counts
        self.lower = {}
        for tok, n in counts.items():
            self.lower[tok.lower()] = self.lower.get(tok.lower(), 0) + n
        self.lang = lang
        self.rules = rules

    def part(self, part: str) -> bool:
        if len(part) < self.rules.min_part:
            return False
        if part.isupper():  # acronyms: only the post's own evidence counts
            return self.counts.get(part, 0) > 0
        return self.lower.get(part.lower(), 0) > 0 or _zipf(part.lower(), self.lang) >= self.rules.min_zipf

    def whole_word(self, token: str) -> bool:
        """A token that is a word in itself (LinkedIn, YouTube) or repeats in the post is not glued."""
        if token in self.rules.keep or self.counts.get(token, 0) > 1:
            return True
        return _zipf(token.lower(), self.lang) > 0 or _zipf(token.lower(), "en") > 0


def _split_points(token: str) -> list[int]:
    return [i for i in range(1, len(token)) if token[i].isupper() and token[i - 1].isalpha()]


def split_glued(token: str, evidence: _Evidence) -> list[str] | None:
    """The fewest parts (at least two) a glued token splits into, each standing alone; None if none."""
    points = _split_points(token)
    if not points or evidence.whole_word(token):
        return None
    cuts = [0, *points, len(token)]
    best: dict[int, list[str] | None] = {len(token): []}
    for a in reversed(cuts[:-1]):
        options = []
        for b in cuts:
            if b <= a or best.get(b) is None or (a == 0 and b == len(token)):
                continue
            part = token[a:b]
            if evidence.part(part):
                options.append([part, *best[b]])
        best[a] = min(options, key=len) if options else None
    parts = best[0]
    return parts if parts and len(parts) >= 2 else None


def repair_glued_links(paragraphs: list[str], *, lang: str, rules: GluedRules,
                       context: Iterable[str] = ()) -> tuple[list[str], list[Repair]]:
    """Split glued link texts in every paragraph; return the new paragraphs and one Repair per split."""
    evidence = _Evidence(_standalone_tokens([*paragraphs, *context]), lang=lang, rules=rules)
    out, repairs = [], []
    for index, para in enumerate(paragraphs):
        edits = []
        for m in _CHUNK.finditer(para):
            lead, core, _ = _EDGE.match(m.group()).groups()
            if not core.isalpha() or not _split_points(core):
                continue
            parts = split_glued(core, evidence)
            if parts:
                offset = m.start() + len(lead)
                after = " ".join(parts)
                edits.append((offset, core, after))
                repairs.append(Repair(kind="split-glued-link", before=core, after=after,
                                      paragraph=index, offset=offset))
        for offset, before, after in reversed(edits):
            para = para[:offset] + after + para[offset + len(before):]
        out.append(para)
    return out, repairs


# --- the whole step ----------------------------------------------------------------------------

_POST_FIELDS = ("slug", "title", "author", "date", "category", "source", "translations", "lang")


_LANG_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


def lang_code(value: Any) -> str | None:
    """The language code of a language tag as sources state it: 'lv-LV', 'lv_LV', 'LV' -> 'lv'
    (the primary subtag, lower case); None when `value` is no language tag ('Latviešu', '')."""
    m = _LANG_TAG.fullmatch(str(value or "").strip())
    return m.group(1).lower() if m else None


def post_lang(draft: Draft, *, default: str | None = None) -> str:
    """The language of a post: the one its source states (WXR `language` term, HTML `lang`, front
    matter `lang:`), else `default` (`lvterm ingest --lang`); InputError when there is neither or
    the stated one is no language tag."""
    stated = draft.meta.get("lang")
    if stated not in (None, ""):
        code = lang_code(stated)
        if code is None:
            raise InputError(f"states language {str(stated)[:40]!r}, which is not a language code such as "
                             f"lv or en", path=draft.source, item=draft.item)
        return code
    if default is None:
        raise InputError("states no language: give --lang lv or --lang en for such posts", path=draft.source,
                         item=draft.item)
    return default


def clean(draft: Draft, *, lang: str | None = None, rules: Rules | None = None) -> Post:
    """Turn a Draft into a Post; raise InputError (naming the source and item) when no body or title is
    left. `lang` is the language of a post whose source states none (`post_lang`): a stated one wins."""
    rules = rules or default_rules()
    lang = post_lang(draft, default=lang)
    rulesets = rules.for_lang(lang, scraped=draft.title_in_body)
    body, found = split_boilerplate(draft.paragraphs, rulesets=rulesets,
                                    title_in_body=draft.title_in_body and not draft.meta.get("title"))
    found = {**metadata_of(draft.meta_paragraphs, rulesets=rules.for_lang(lang, scraped=True)), **found}
    meta: dict[str, Any] = {**found, **{k: v for k, v in draft.meta.items() if v not in (None, "", [], {})}}
    if not body:
        raise InputError("no body text left after cleaning", path=draft.source, item=draft.item)
    if not isinstance(meta.get("translations") or {}, dict):
        raise InputError("'translations' must map languages to slugs ({en: slug})", path=draft.source,
                         item=draft.item)
    title = unicodedata.normalize("NFC", " ".join(str(meta.get("title") or "").split()))
    if not title:
        raise InputError("no title found", path=draft.source, item=draft.item)

    repairs = list(draft.repairs)
    normalised = []
    for index, para in enumerate(body):
        text, changes = detect.nfc(para)
        repairs += [Repair(kind="normalise-unicode", before=c.before, after=c.after, paragraph=index,
                           offset=c.offset) for c in changes]
        normalised.append(text)
    paragraphs, glued = repair_glued_links(normalised, lang=lang, rules=rules.glued, context=[title])
    repairs += glued

    def text_field(key):
        value = meta.get(key)
        return unicodedata.normalize("NFC", str(value)) if value not in (None, "") else None

    extra = {k: (unicodedata.normalize("NFC", v) if isinstance(v, str) else v)
             for k, v in meta.items() if k not in _POST_FIELDS}
    slug = slugify(str(meta.get("slug") or "")) or slugify(title)
    if not slug:
        raise InputError("cannot make an ASCII slug from the title", path=draft.source, item=draft.item)
    for other_lang, other_slug in (meta.get("translations") or {}).items():  # they name files too
        try:
            post_format.check_lang(other_lang, what="translation language")
            post_format.check_slug(other_slug, what="translation slug")
        except InputError as exc:
            raise InputError(exc.message, path=draft.source, item=draft.item) from None
    return Post(
        slug=slug, lang=lang, title=title, paragraphs=tuple(paragraphs),
        author=text_field("author"), date=iso_date(meta.get("date")), category=text_field("category"),
        source=text_field("source") or draft.source,
        translations=dict(meta.get("translations") or {}), repairs=tuple(repairs), meta=extra,
    )
