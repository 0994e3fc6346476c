"""YAML through libyaml where it reads as PyYAML's Python loader does (textio._fast_safe_load).

Front matter is parsed by PyYAML's C SafeLoader when the text holds nothing libyaml reads
otherwise (anchors, aliases, tags, block scalars, tabs, ...) and cannot nest too deep; anything
else goes to the bounded Python loader. Whatever the fast path accepts, the Python loader must
accept too and build the same data; what it refuses, the Python loader reports at its line.
"""
from __future__ import annotations

import datetime

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm import textio
from lvterm.errors import InputError

pytestmark = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML built without libyaml")

FRONT_MATTER = """slug: cpd23-5-socialie-tikli
lang: lv
title: 'CPD23 #5: sociālie tīkli un profesionālās organizācijas'
author: Dace Ūdre
date: '2011'
published: 2011-08-01
tags: [tīklošana, biedra nauda]
translations:
  en: cpd23-5-social-networks
"""


def _python_loader(text: str):
    """The bounded Python loader's reading: ("ok", data) or ("error", None)."""
    try:
        return "ok", yaml.load(text, Loader=textio._bounded(yaml.SafeLoader))  # noqa: S506
    except (yaml.YAMLError, ValueError):
        return "error", None


def _hidden(text: str) -> str:
    """The text as parse_yaml hands it on (line separators behind stand-ins)."""
    for ch, stand_in in textio._stand_ins(text).items():
        text = text.replace(ch, stand_in)
    return text


def test_front_matter_takes_the_fast_path_and_reads_the_same():
    fast = textio._fast_safe_load(FRONT_MATTER)
    assert fast is not textio._UNPARSED
    assert fast == _python_loader(FRONT_MATTER)[1]
    assert fast["published"] == datetime.date(2011, 8, 1) and fast["tags"] == ["tīklošana", "biedra nauda"]
    assert textio.parse_yaml(FRONT_MATTER) == fast


@pytest.mark.parametrize("text", [
    "a: &x [1]\nb: *x\n",  # an alias: refused by the Python loader, at its line
    "a: !!str 5\n",  # a tag
    "a: |\n  block\n",  # a block scalar
    "a:\tb\n",  # a tab
    "? a\n: b\n",  # an explicit key
    "a: " + "[" * 150 + "]" * 150 + "\n",  # deeper than MAX_YAML_DEPTH
])
def test_what_libyaml_reads_otherwise_goes_to_the_python_loader(text):
    assert textio._fast_safe_load(text) is textio._UNPARSED


def test_refusals_still_name_the_line():
    with pytest.raises(InputError) as err:
        textio.parse_yaml("a: 1\nb: &x [1]\nc: *x\n", path="p.md", what="bad YAML front matter", first_line=2)
    assert str(err.value).startswith("p.md:3: bad YAML front matter: ")
    with pytest.raises(InputError) as err:  # a syntax error the fast path meets: the Python loader's line
        textio.parse_yaml("a: 1\nb: [nav aizvērts\n", path="p.md", what="bad YAML front matter", first_line=2)
    assert str(err.value).startswith("p.md:3: bad YAML front matter: ")  # where the bracket is left open


@pytest.mark.parametrize("text, line, problem", [
    # a quote left open (a hand edit of a title): PyYAML finds it at the end of the text
    ('slug: rudens\ntitle: "Rudens lasījumi\ncategory: Jaunumi\nsource: a.xml\n', 3,
     "found unexpected end of stream while scanning a quoted scalar begun on this line"),
    ("slug: rudens\ntitle: 'Rudens lasījumi\n\ncategory: Jaunumi\n", 3,
     "found unexpected end of stream while scanning a quoted scalar begun on this line"),
    ("slug: rudens\ntags: [dzeja, proza\n", 3,
     "expected ',' or ']', but got '<stream end>' while parsing a flow sequence begun on this line"),
    # a line without its colon: found on the next line
    ("slug: rudens\ntitle Rudens lasījumi\ncategory: Jaunumi\n", 3,
     "could not find expected ':' while scanning a simple key begun on this line"),
    # found where it is: the line PyYAML names
    ('slug: rudens\ntitle: "Rudens \\q"\n', 3, "found unknown escape character 'q'"),
    ("slug: rudens\n title: Rudens\n", 3, "mapping values are not allowed here"),
    ("slug: rudens\ntitle: Rudens\n- dzeja\n", 4, "expected <block end>, but found '-'"),
])
def test_a_problem_is_named_at_the_line_where_it_starts(text, line, problem):
    """Not at the end of the text, where PyYAML finds a quote or bracket left open (front matter
    starts on line 2)."""
    with pytest.raises(InputError) as err:
        textio.parse_yaml(text, path="p.md", what="bad YAML front matter", first_line=2)
    assert str(err.value) == f"p.md:{line}: bad YAML front matter: {problem}"


@pytest.mark.parametrize("text, line, key, first", [
    # a block pasted from another file: its second `concepts:` dropped every concept above it
    ("concepts:\n  - id: a\n    lv: [{term: x}]\nconcepts:\n  - id: b\n    lv: [{term: y}]\n", 4, "concepts", 1),
    # a repeated status: the last won, a deprecated term became preferred
    ("concepts:\n  - id: a\n    lv:\n      - term: x\n        status: deprecated\n        status: preferred\n",
     6, "status", 5),
    ("a: {b: 1, b: 2}\n", 1, "b", 1),  # in a flow mapping too
    ("1: a\n01: b\n", 2, "01", 1),  # the key each becomes: one
    ("yes: a\ntrue: b\n", 2, "true", 1),
])
def test_a_key_given_twice_is_refused_at_its_line(text, line, key, first):
    """YAML forbids it and PyYAML kept the last value without a word; either loader refuses it."""
    assert textio._fast_safe_load(text) is textio._UNPARSED  # (libyaml's answer is not taken)
    with pytest.raises(InputError) as err:
        textio.parse_yaml(text, path="t.yml")
    assert str(err.value) == (f"t.yml:{line}: bad YAML: key {key!r} given twice (first on line {first}): "
                              "the second would replace the first")
    assert textio.parse_yaml("a: 1\nb: {a: 2}\nc: [{a: 1}, {a: 2}]\n") == {"a": 1, "b": {"a": 2},
                                                                          "c": [{"a": 1}, {"a": 2}]}


def test_an_impossible_date_is_refused_at_its_line():
    with pytest.raises(InputError) as err:
        textio.parse_yaml("rejected:\n  - lv: x\n    date: 2026-02-30\n", path="rejected.yaml")
    assert str(err.value) == "rejected.yaml:3: bad YAML: day is out of range for month"


YAML_CHARACTERS = list("ab: -[]{}?,'\"#\n\r\t 0123456789.eTīē\x85\u2028\u2029!|>%@`\\~=<x\x00\x0b\x7f\ufeff")


@settings(max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(st.sampled_from(YAML_CHARACTERS), max_size=40))
def test_whatever_the_fast_path_accepts_the_python_loader_reads_the_same(text):
    text = _hidden(text)
    fast = textio._fast_safe_load(text)
    if fast is not textio._UNPARSED:
        assert _python_loader(text) == ("ok", fast)


SCALARS = st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(),
                    st.floats(allow_nan=False), st.dates())
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(DATA, st.booleans())
def test_dumped_data_reads_back_the_same_either_way(data, flow):
    text = _hidden(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow))
    fast = textio._fast_safe_load(text)
    if fast is not textio._UNPARSED:
        assert _python_loader(text) == ("ok", fast)
