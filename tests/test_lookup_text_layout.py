"""`lvterm lookup`'s text entry keeps its layout when a curated definition or note has several
lines (a YAML block `|` keeps them): every line stays inside the entry, indented."""
from __future__ import annotations

from lvterm.terms.lookup import format_entry


def _entry(**over):
    entry = {"lv": "biedra nauda", "en": "membership fee", "status": "preferred", "reliability": 3,
             "subject_field": "library and information science", "score": 1.0,
             "matched": {"via": "exact", "form": "biedra nauda"},
             "terms": [{"term": "biedra nauda", "lang": "lv", "status": "preferred"},
                       {"term": "membership fee", "lang": "en", "status": "preferred"}],
             "definition": "A yearly payment.\nPaid by members.", "note": "First line.\nSecond line.",
             "forms": {"biedra nauda": 2}, "examples": []}
    entry.update(over)
    return entry


def test_lookup_text_indents_every_line_of_a_definition_and_a_note():
    lines = format_entry(_entry()).splitlines()
    assert lines[0] == "biedra nauda  →  membership fee"
    assert all(line.startswith("  ") for line in lines[1:]), lines
    assert "  definition: A yearly payment." in lines and "              Paid by members." in lines
    assert "  note: First line." in lines and "  note: Second line." in lines


def test_lookup_text_one_line_definition_unchanged():
    lines = format_entry(_entry(definition="A yearly payment.", note=None)).splitlines()
    assert "  definition: A yearly payment." in lines and not any(line.startswith("  note") for line in lines)
